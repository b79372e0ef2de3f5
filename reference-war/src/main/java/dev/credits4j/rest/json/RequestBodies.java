package dev.credits4j.rest.json;

import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies: at most {@link #MAX_BYTES} bytes of UTF-8 JSON holding one object. Too
 * large a body is 413, anything that is not a JSON object is 400; neither reaches a service.
 */
public final class RequestBodies {
  /** The largest body any operation accepts: 64 KiB is far above any legitimate request. */
  public static final int MAX_BYTES = 64 * 1024;

  private RequestBodies() {}

  /** The body as a JSON object; an empty body is an empty object when {@code optional}. */
  public static JsonObject read(InputStream in, boolean optional) {
    String text = text(in);
    if (text.isBlank()) {
      if (optional) {
        return JsonObject.EMPTY_JSON_OBJECT;
      }
      throw new ApiException(ApiError.MALFORMED_BODY, "the request needs a JSON object body");
    }
    JsonStructure value;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      value = reader.read();
    } catch (JsonParsingException e) {
      throw new ApiException(
          ApiError.MALFORMED_BODY,
          "the body is not valid JSON (line "
              + e.getLocation().getLineNumber()
              + ", column "
              + e.getLocation().getColumnNumber()
              + ")");
    } catch (JsonException | NumberFormatException | ArithmeticException e) {
      throw new ApiException(ApiError.MALFORMED_BODY, "the body is not valid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw new ApiException(ApiError.MALFORMED_BODY, "the body must be a JSON object");
    }
    return object;
  }

  private static String text(InputStream in) {
    if (in == null) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) != -1) {
        if (out.size() + n > MAX_BYTES) {
          throw new ApiException(
              ApiError.PAYLOAD_TOO_LARGE, "the body exceeds " + MAX_BYTES + " bytes");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new ApiException(ApiError.MALFORMED_BODY, "the body could not be read");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException(ApiError.MALFORMED_BODY, "the body is not UTF-8");
    }
  }
}
