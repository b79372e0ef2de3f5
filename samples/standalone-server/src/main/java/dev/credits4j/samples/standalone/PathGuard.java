package dev.credits4j.samples.standalone;

import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.problem.Problems;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;

/**
 * Guards the Grizzly listener's root handler (Jersey's, behind Grizzly's path mapping) against
 * request targets Grizzly or Jersey cannot decode, which would otherwise end as an empty 500 before
 * any login: a {@code %} not followed by two hex digits (400), an escaped NUL (400), escapes that
 * are not UTF-8 (400), and an escaped slash or backslash in the path (404: it names no resource).
 * Each answer is problem+json with the API's security headers; everything else goes to Jersey
 * untouched.
 */
final class PathGuard extends BaseFilter {
  private static final String REFUSED = PathGuard.class.getName() + ".refused";

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    if (!(ctx.getMessage() instanceof HttpContent content)
        || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
      return ctx.getInvokeAction();
    }
    if (request.getAttribute(REFUSED) != null) {
      return ctx.getStopAction(); // the rest of a refused request's body
    }
    String fault = fault(request.getRequestURI(), Part.PATH);
    if (fault == null) {
      fault = fault(request.getQueryString(), Part.QUERY);
    }
    if (fault == null) {
      return ctx.getInvokeAction();
    }
    request.setAttribute(REFUSED, Boolean.TRUE);
    ApiError error = fault.isEmpty() ? ApiError.NOT_FOUND : ApiError.BAD_REQUEST;
    String detail = fault.isEmpty() ? "no such resource" : fault;
    Response problem = Problems.of(new ApiException(error, detail));
    byte[] body = String.valueOf(problem.getEntity()).getBytes(StandardCharsets.UTF_8);
    HttpResponsePacket response = request.getResponse();
    response.setStatus(problem.getStatus());
    response.setContentType(problem.getMediaType().toString());
    response.setContentLength(body.length);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Connection", "close");
    Buffer buffer = ctx.getMemoryManager().allocate(body.length);
    buffer.put(body);
    buffer.flip();
    ctx.write(
        HttpContent.builder(response).content(buffer).last(true).build(),
        new EmptyCompletionHandler<>() {
          @Override
          public void completed(WriteResult result) {
            ctx.getConnection().closeSilently();
          }

          @Override
          public void failed(Throwable t) {
            ctx.getConnection().closeSilently();
          }
        });
    return ctx.getStopAction();
  }

  /** Which part of the request target a text is: an escaped slash is refused only in the path. */
  enum Part {
    PATH,
    QUERY
  }

  /**
   * Why the raw (still escaped) text is refused: a message for a 400, the empty string for a 404,
   * null when it is fine.
   */
  static String fault(String raw, Part part) {
    if (raw == null) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        if (c < 0x20 || c == 0x7f) {
          return "the request target holds a control character";
        }
        bytes.write(c);
        continue;
      }
      if (i + 2 >= raw.length()) {
        return "the request target holds a malformed percent-escape";
      }
      int hi = Character.digit(raw.charAt(i + 1), 16);
      int lo = Character.digit(raw.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        return "the request target holds a malformed percent-escape";
      }
      int b = hi * 16 + lo;
      if (b == 0) {
        return "the request target holds an escaped NUL (%00)";
      }
      if (part == Part.PATH && (b == '/' || b == '\\')) {
        return "";
      }
      bytes.write(b);
      i += 2;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()));
    } catch (CharacterCodingException e) {
      return "the request target's escapes are not UTF-8";
    }
    return null;
  }
}
