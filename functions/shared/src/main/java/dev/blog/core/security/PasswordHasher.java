package dev.blog.core.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id at the OWASP minimum: 19 MiB, 2 iterations, parallelism 1
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id).
 * The parameters travel inside each hash, so raising them later still verifies older hashes.
 */
public final class PasswordHasher {
  /**
   * Initialised on the first hash, not when the class loads: the functions that only read users never
   * load password4j at all (a measured cold-start saving, see BENCHMARKS.md).
   */
  private static final class Argon2Holder {
    static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID, 19);
  }
  private static final int SALT_BYTES = 16;

  /**
   * A hash of a random password nobody knows, with the same parameters. Checking against it when the
   * email is unknown makes that answer cost what a wrong password costs, so timing tells nothing.
   */
  private static final String DECOY_HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$JoZUgPUJp6ihzGPqz3k/6Q$IMAYIL0o4pFlfr07ZuncLSowW1V5ER3f1xjoJpMaQIs";

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(Argon2Holder.ARGON2).getResult();
  }

  public boolean verify(String password, String hash) {
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException malformedHash) {
      return false;
    }
  }

  /** Spends the time of one verification and always fails. */
  public boolean verifyDecoy(String password) {
    verify(password, DECOY_HASH);
    return false;
  }
}
