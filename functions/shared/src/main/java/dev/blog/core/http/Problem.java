package dev.blog.core.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blog.core.error.FieldError;
import java.util.List;

/** RFC 9457 problem details, the body of every error a function answers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String requestId, List<FieldError> errors) {

  /** RFC 9457 §4.2.1: "about:blank" says the status code's own meaning is the problem type. */
  private static final String NO_SPECIFIC_TYPE = "about:blank";

  static Problem of(String title, int status, String detail, String requestId, List<FieldError> errors) {
    return new Problem(NO_SPECIFIC_TYPE, title, status, detail, requestId, errors);
  }
}
