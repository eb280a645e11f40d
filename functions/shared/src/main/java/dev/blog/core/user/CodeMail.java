package dev.blog.core.user;

import dev.blog.core.mail.EmailMessage;

/**
 * A single-use code and the email that carries it to its address, written in the same transaction as the change
 * that sends it (registration, a change of email, a reset request): the code's hash exists exactly when its email
 * is queued.
 */
public record CodeMail(OneTimeCode code, EmailMessage email) {}
