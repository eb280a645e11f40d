package dev.blog.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The contract's fault JSON: what it accepts, what it names as wrong, and how it reads back. */
class FaultsTest {
  @Test
  void theContractsExampleReadsAndWritesBack() {
    Faults faults = Faults.parse("{\"dynamodb\":{\"throttleRate\":0.5,\"errorRate\":0.1,\"delayMs\":200},"
        + "\"sqs\":{\"errorRate\":1},\"smtp\":{\"down\":true}}");
    assertThat(faults.dynamodb()).isEqualTo(new Faults.Wire(0.5, 0.1, 200, Set.of()));
    assertThat(faults.sqs().errorRate()).isEqualTo(1.0);
    assertThat(faults.smtpDown()).isTrue();
    assertThat(Faults.parse(faults.toJson())).isEqualTo(faults);
  }

  @Test
  void absentKeysAreNoFault() {
    assertThat(Faults.parse("{}")).isEqualTo(Faults.NONE);
    assertThat(Faults.parse("{\"smtp\":{\"down\":false}}")).isEqualTo(Faults.NONE);
    assertThat(Faults.NONE.toJson()).isEqualTo("{}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"dynamo\":{}}                              | unknown service 'dynamo'",
      "{\"dynamodb\":{\"throttleRate\":2}}          | dynamodb.throttleRate must be a number from 0 to 1",
      "{\"dynamodb\":{\"errorRate\":\"0.5\"}}       | dynamodb.errorRate must be a number from 0 to 1",
      "{\"dynamodb\":{\"delayMs\":-1}}              | dynamodb.delayMs must be a whole number",
      "{\"dynamodb\":{\"delayMs\":1.5}}             | dynamodb.delayMs must be a whole number",
      "{\"dynamodb\":{\"throttlerate\":1}}          | unknown key dynamodb.throttlerate",
      "{\"sqs\":{\"throttleRate\":1}}               | sqs.throttleRate is not a fault of sqs",
      "{\"smtp\":{\"down\":\"yes\"}}                | smtp.down must be true or false",
      "[1]                                          | expected a JSON object",
      "{not json                                    | not JSON"})
  void aMistakeIsNamedNeverIgnored(String json, String message) {
    assertThatThrownBy(() -> Faults.parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
