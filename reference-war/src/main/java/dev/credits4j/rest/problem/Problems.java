package dev.credits4j.rest.problem;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCategory;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.dto.FieldError;
import dev.credits4j.rest.dto.Problem;
import dev.credits4j.rest.json.JsonOutput;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns every error into an RFC 9457 {@code application/problem+json} response: the SDK's {@link
 * CreditsException}s by their category (INVALID 400, NOT_FOUND 404, CONFLICT 409,
 * INSUFFICIENT_CREDITS 402, FORBIDDEN 403, UNAVAILABLE 503), the HTTP layer's {@link ApiException}s
 * by their {@link ApiError}, JAX-RS's own errors by their status, and anything else as a 500 that
 * names a reference logged with the cause ({@code CREDITS-0801}). Never a stack trace.
 */
public final class Problems {
  private static final System.Logger LOG = System.getLogger(Problems.class.getName());

  private Problems() {}

  /** The HTTP status of a category. */
  public static int status(ErrorCategory category) {
    return switch (category) {
      case INVALID -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case INSUFFICIENT_CREDITS -> 402;
      case FORBIDDEN -> 403;
      case UNAVAILABLE -> 503;
    };
  }

  /** Seconds a client should wait before retrying while the database is unreachable. */
  public static final String DATABASE_RETRY_AFTER = "5";

  public static Response of(Throwable t) {
    if (!(t instanceof CreditsException || t instanceof ApiException)
        && DatabaseFaults.isUnavailable(t)) {
      return databaseUnavailable(t);
    }
    if (t instanceof CreditsException e) {
      return credits(e);
    }
    if (t instanceof ApiException e) {
      return api(e);
    }
    if (t instanceof WebApplicationException e) {
      return web(e);
    }
    return unexpected(t);
  }

  private static Response credits(CreditsException e) {
    ErrorCode code = e.code();
    int status = status(code.category());
    Problem p;
    if (e instanceof InsufficientCreditsException ie) {
      p =
          new Problem(
              code.type().toString(),
              /* title= */ "Insufficient credits",
              status,
              e.getMessage(),
              code.code(),
              /* errors= */ null,
              Dtos.credits(ie.balance()),
              Dtos.credits(ie.available()),
              Dtos.credits(ie.required()),
              Dtos.credits(ie.shortfall()),
              ie.suggestedPackages().stream().map(Dtos::pkg).toList());
    } else {
      p =
          problem(
              code.type().toString(),
              title(code),
              status,
              e.getMessage(),
              code.code(),
              e.violations());
    }
    Response.ResponseBuilder b = respond(status, p);
    if (code == ErrorCode.CONTENTION) {
      b.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return b.build();
  }

  private static String title(ErrorCode code) {
    String words = code.code().replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static Response api(ApiException e) {
    ApiError error = e.error();
    Response.ResponseBuilder b =
        respond(
            error.status(),
            problem(
                error.type().toString(),
                error.title(),
                error.status(),
                e.getMessage(),
                error.code(),
                e.violations()));
    e.headers().forEach(b::header);
    return b.build();
  }

  private static Response web(WebApplicationException e) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    ApiError error;
    String detail;
    Map<String, String> headers = Map.of();
    if (e instanceof NotFoundException || status == 404) {
      error = ApiError.NOT_FOUND;
      detail = "no such resource";
    } else if (e instanceof NotAllowedException) {
      error = ApiError.METHOD_NOT_ALLOWED;
      detail = "the resource does not support this method";
      String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
      if (allow != null) {
        headers = Map.of(HttpHeaders.ALLOW, allow);
      }
    } else if (e instanceof NotAcceptableException) {
      error = ApiError.NOT_ACCEPTABLE;
      detail = "the resource cannot produce the media type the Accept header asks for";
    } else if (e instanceof NotSupportedException) {
      error = ApiError.UNSUPPORTED_MEDIA_TYPE;
      detail = "send the body as application/json";
    } else if (e instanceof NotAuthorizedException) {
      error = ApiError.UNAUTHENTICATED;
      detail = "authentication required";
    } else if (status == 413) {
      error = ApiError.PAYLOAD_TOO_LARGE;
      detail = "the body is too large";
    } else if (status >= 400 && status < 500) {
      Response.ResponseBuilder b =
          respond(
              status,
              problem(
                  ApiError.BAD_REQUEST.type().toString(),
                  ApiError.BAD_REQUEST.title(),
                  status,
                  "the request could not be processed",
                  ApiError.BAD_REQUEST.code(),
                  List.of()));
      return b.build();
    } else {
      return unexpected(e);
    }
    return api(new ApiException(error, detail, List.of(), headers));
  }

  private static Response databaseUnavailable(Throwable t) {
    LOG.log(
        System.Logger.Level.WARNING, "CREDITS-0804 the database is unavailable: " + rootMessage(t));
    return api(
        new ApiException(
            ApiError.DATABASE_UNAVAILABLE,
            "the database is unavailable; retry later (with the same Idempotency-Key)",
            List.of(),
            Map.of(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER)));
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getName() + ": " + root.getMessage();
  }

  private static Response unexpected(Throwable t) {
    String reference = UUID.randomUUID().toString();
    LOG.log(System.Logger.Level.ERROR, "CREDITS-0801 unexpected error, reference " + reference, t);
    ApiError error = ApiError.INTERNAL;
    return respond(
            error.status(),
            problem(
                error.type().toString(),
                error.title(),
                error.status(),
                "an unexpected error occurred; reference " + reference,
                error.code(),
                List.of()))
        .build();
  }

  private static Problem problem(
      String type, String title, int status, String detail, String code, List<FieldViolation> v) {
    List<FieldError> errors =
        v.isEmpty() ? null : v.stream().map(f -> new FieldError(f.field(), f.message())).toList();
    return new Problem(
        type,
        title,
        status,
        detail,
        code,
        errors,
        /* balance= */ null,
        /* available= */ null,
        /* required= */ null,
        /* shortfall= */ null,
        /* suggestedPackages= */ null);
  }

  private static Response.ResponseBuilder respond(int status, Problem p) {
    return Response.status(status)
        .type(MediaType.valueOf(JsonOutput.PROBLEM_JSON))
        .entity(JsonOutput.toJson(p));
  }
}
