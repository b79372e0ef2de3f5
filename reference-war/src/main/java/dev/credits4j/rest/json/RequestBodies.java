package dev.credits4j.rest.json;

import dev.credits4j.api.FieldViolation;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies: at most {@link #MAX_BYTES} bytes of UTF-8 JSON holding one object. Too
 * large a body is 413, anything that is not a JSON object is 400; neither reaches a service.
 */
public final class RequestBodies {
  /** The largest body any operation accepts: 64 KiB is far above any legitimate request. */
  public static final int MAX_BYTES = 64 * 1024;

  private RequestBodies() {}

  /** Objects and arrays may nest this deep at most (the body itself is level 1). */
  public static final int MAX_DEPTH = 16;

  /** A JSON number may be written with this many characters at most. */
  public static final int MAX_NUMBER_LENGTH = 40;

  /**
   * The body as a JSON object; an empty body is an empty object when {@code presence} is {@link
   * Presence#OPTIONAL}. Read with a streaming parser: a key twice in one object, nesting deeper
   * than {@link #MAX_DEPTH}, a number longer than {@link #MAX_NUMBER_LENGTH} characters or a lone
   * surrogate is a 400 naming the field, before anything is built from it.
   */
  public static JsonObject read(InputStream in, Presence presence) {
    return read(in, presence, MAX_BYTES);
  }

  /** {@link #read(InputStream, Presence)} for an operation that takes up to {@code maxBytes}. */
  public static JsonObject read(InputStream in, Presence presence, int maxBytes) {
    String text = text(in, maxBytes);
    if (text.isBlank()) {
      if (presence == Presence.OPTIONAL) {
        return JsonObject.EMPTY_JSON_OBJECT;
      }
      throw new ApiException(ApiError.MALFORMED_BODY, "the request needs a JSON object body");
    }
    try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw new ApiException(ApiError.MALFORMED_BODY, "the body must be a JSON object");
      }
      JsonObject object = object(parser, "", 1);
      if (parser.hasNext()) {
        throw new ApiException(
            ApiError.MALFORMED_BODY, "the body must hold one JSON object and nothing after it");
      }
      return object;
    } catch (JsonParsingException e) {
      throw new ApiException(
          ApiError.MALFORMED_BODY,
          "the body is not valid JSON (line "
              + e.getLocation().getLineNumber()
              + ", column "
              + e.getLocation().getColumnNumber()
              + ")");
    } catch (JsonException
        | NumberFormatException
        | ArithmeticException
        | IllegalStateException
        | java.util.NoSuchElementException e) {
      throw new ApiException(ApiError.MALFORMED_BODY, "the body is not valid JSON");
    }
  }

  /** The object whose START_OBJECT was just read; {@code path} names its members in faults. */
  private static JsonObject object(JsonParser parser, String path, int depth) {
    JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder();
    Set<String> seen = new HashSet<>();
    while (true) {
      JsonParser.Event e = parser.next();
      if (e == JsonParser.Event.END_OBJECT) {
        return b.build();
      }
      String key = parser.getString();
      String field = path + key;
      text(field, key);
      if (!seen.add(key)) {
        throw fault(field, "appears more than once; send each field once");
      }
      b.add(key, value(parser, parser.next(), field, depth));
    }
  }

  private static JsonValue value(JsonParser parser, JsonParser.Event e, String field, int depth) {
    return switch (e) {
      case START_OBJECT -> {
        deeper(field, depth);
        yield object(parser, field + ".", depth + 1);
      }
      case START_ARRAY -> {
        deeper(field, depth);
        JsonArrayBuilder a = Jsonp.PROVIDER.createArrayBuilder();
        JsonParser.Event item;
        while ((item = parser.next()) != JsonParser.Event.END_ARRAY) {
          a.add(value(parser, item, field, depth + 1));
        }
        yield a.build();
      }
      case VALUE_STRING -> Jsonp.PROVIDER.createValue(text(field, parser.getString()));
      case VALUE_NUMBER -> {
        String digits = parser.getString();
        if (digits.length() > MAX_NUMBER_LENGTH) {
          throw fault(field, "must be a number of at most " + MAX_NUMBER_LENGTH + " characters");
        }
        yield Jsonp.PROVIDER.createValue(new BigDecimal(digits));
      }
      case VALUE_TRUE -> JsonValue.TRUE;
      case VALUE_FALSE -> JsonValue.FALSE;
      case VALUE_NULL -> JsonValue.NULL;
      default -> throw new ApiException(ApiError.MALFORMED_BODY, "the body is not valid JSON");
    };
  }

  private static void deeper(String field, int depth) {
    if (depth >= MAX_DEPTH) {
      throw fault(field, "nests objects and arrays deeper than " + MAX_DEPTH + " levels");
    }
  }

  /** Text with no lone UTF-16 surrogate (JSON escapes such as \\ud800 can make one). */
  private static String text(String field, String s) {
    if (TextChecks.loneSurrogate(s) >= 0) {
      throw fault(field, "holds a lone UTF-16 surrogate; send valid Unicode text");
    }
    return s;
  }

  private static ApiException fault(String field, String message) {
    return new ApiException(
        ApiError.MALFORMED_BODY,
        field + " " + message,
        List.of(new FieldViolation(field, message)),
        Map.of());
  }

  private static String text(InputStream in, int maxBytes) {
    if (in == null) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) != -1) {
        if (out.size() + n > maxBytes) {
          throw new ApiException(
              ApiError.PAYLOAD_TOO_LARGE, "the body exceeds " + maxBytes + " bytes");
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
