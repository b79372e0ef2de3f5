package dev.credits4j.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCategory;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.InsufficientCreditsException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  private static JsonObject body(Response r) {
    return Json.createReader(new StringReader((String) r.getEntity())).readObject();
  }

  @Test
  void codesOfTheHttpLayerNeverCollideWithTheSdks() {
    Set<String> codes = new HashSet<>();
    Arrays.stream(ErrorCode.values()).forEach(c -> assertThat(codes.add(c.code())).isTrue());
    Arrays.stream(ApiError.values())
        .forEach(e -> assertThat(codes.add(e.code())).as(e.code()).isTrue());
  }

  @Test
  void everyCategoryHasItsStatus() {
    assertThat(Problems.status(ErrorCategory.INVALID)).isEqualTo(400);
    assertThat(Problems.status(ErrorCategory.INSUFFICIENT_CREDITS)).isEqualTo(402);
    assertThat(Problems.status(ErrorCategory.FORBIDDEN)).isEqualTo(403);
    assertThat(Problems.status(ErrorCategory.NOT_FOUND)).isEqualTo(404);
    assertThat(Problems.status(ErrorCategory.CONFLICT)).isEqualTo(409);
    assertThat(Problems.status(ErrorCategory.UNAVAILABLE)).isEqualTo(503);
  }

  @Test
  void anInvalidRequestNamesItsFields() {
    Response r =
        Problems.of(
            new CreditsException(
                ErrorCode.INVALID_REQUEST,
                "bad",
                List.of(new FieldViolation("credits", "must be greater than zero"))));
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
    JsonObject p = body(r);
    assertThat(p.getString("type")).isEqualTo("https://credits4j.dev/problems/invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("credits");
  }

  @Test
  void insufficientCreditsCarryTheFigures() {
    JsonObject p =
        body(
            Problems.of(
                new InsufficientCreditsException(
                    new BigDecimal("10.0000"),
                    new BigDecimal("10.0000"),
                    new BigDecimal("75.0000"),
                    new BigDecimal("65.0000"))));
    assertThat(p.getInt("status")).isEqualTo(402);
    assertThat(p.getJsonNumber("balance").toString()).isEqualTo("10");
    assertThat(p.getJsonNumber("required").toString()).isEqualTo("75");
    assertThat(p.getJsonNumber("shortfall").toString()).isEqualTo("65");
    assertThat(p.getJsonArray("suggestedPackages")).isEmpty();
  }

  @Test
  void unexpectedErrorsShowAReferenceAndNoStackTrace() {
    Response r = Problems.of(new IllegalStateException("secret internals"));
    assertThat(r.getStatus()).isEqualTo(500);
    String text = (String) r.getEntity();
    assertThat(text).doesNotContain("secret").doesNotContain("IllegalState").contains("reference");
  }

  @Test
  void jaxRsErrorsBecomeProblems() {
    assertThat(body(Problems.of(new NotFoundException())).getString("code")).isEqualTo("not-found");
    Response r =
        Problems.of(new NotAllowedException(Response.status(405).header("Allow", "GET").build()));
    assertThat(r.getStatus()).isEqualTo(405);
    assertThat(r.getHeaderString("Allow")).isEqualTo("GET");
    assertThat(r.getHeaders().getFirst("Allow")).isEqualTo("GET");
  }
}
