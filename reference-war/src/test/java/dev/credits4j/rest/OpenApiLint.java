package dev.credits4j.rest;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for the OpenAPI document that its JSON Schema cannot express. Each rule takes the parsed
 * document and returns its findings, one line each naming the operation or place at fault; no
 * finding means the rule holds.
 */
final class OpenApiLint {
  /** Who may call an operation; the values AuthorizationMatrixTest knows. */
  static final Set<String> ACCESS =
      Set.of("public", "client", "own-organization", "team", "admin", "operator");

  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");

  private OpenApiLint() {}

  /** One operation of the document. */
  record Operation(String path, String method, JsonObject item, JsonObject op) {
    String name() {
      return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
    }
  }

  static List<Operation> operations(JsonObject doc) {
    List<Operation> ops = new ArrayList<>();
    doc.getJsonObject("paths")
        .forEach(
            (path, item) -> {
              for (String method : METHODS) {
                JsonObject op = item.asJsonObject().getJsonObject(method);
                if (op != null) {
                  ops.add(new Operation(path, method, item.asJsonObject(), op));
                }
              }
            });
    return ops;
  }

  /**
   * Every tag an operation uses is declared at the top, every declared tag has a description and is
   * used, and every operation has a tag.
   */
  static List<String> tags(JsonObject doc) {
    List<String> findings = new ArrayList<>();
    Set<String> declared = new LinkedHashSet<>();
    for (JsonValue t : doc.getJsonArray("tags")) {
      String name = t.asJsonObject().getString("name");
      declared.add(name);
      if (text(t.asJsonObject(), "description") == null) {
        findings.add("tag " + name + " has no description");
      }
    }
    Set<String> used = new TreeSet<>();
    for (Operation o : operations(doc)) {
      JsonArray tags = o.op().getJsonArray("tags");
      if (tags == null || tags.isEmpty()) {
        findings.add(o.name() + " has no tag");
        continue;
      }
      for (JsonString tag : tags.getValuesAs(JsonString.class)) {
        used.add(tag.getString());
        if (!declared.contains(tag.getString())) {
          findings.add(o.name() + " uses the undeclared tag " + tag.getString());
        }
      }
    }
    for (String name : declared) {
      if (!used.contains(name)) {
        findings.add("tag " + name + " is declared but no operation uses it");
      }
    }
    return findings;
  }

  /** Every operation answers at least one 4xx. */
  static List<String> clientErrors(JsonObject doc) {
    List<String> findings = new ArrayList<>();
    for (Operation o : operations(doc)) {
      JsonObject responses = o.op().getJsonObject("responses");
      if (responses == null || responses.keySet().stream().noneMatch(s -> s.startsWith("4"))) {
        findings.add(o.name() + " has no 4xx response");
      }
    }
    return findings;
  }

  /** Every operation has an operationId, unique in the document, and a summary. */
  static List<String> identities(JsonObject doc) {
    List<String> findings = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (Operation o : operations(doc)) {
      String id = text(o.op(), "operationId");
      if (id == null) {
        findings.add(o.name() + " has no operationId");
      } else {
        String first = seen.putIfAbsent(id, o.name());
        if (first != null) {
          findings.add(o.name() + " repeats the operationId " + id + " of " + first);
        }
      }
      if (text(o.op(), "summary") == null) {
        findings.add(o.name() + " has no summary");
      }
    }
    return findings;
  }

  /**
   * Every {@code {name}} of a path is declared as a required path parameter of each of its
   * operations (on the operation or the path), and every declared path parameter is in the path.
   */
  static List<String> pathParameters(JsonObject doc) {
    List<String> findings = new ArrayList<>();
    for (Operation o : operations(doc)) {
      Set<String> inTemplate = new TreeSet<>();
      Matcher m = TEMPLATE.matcher(o.path());
      while (m.find()) {
        inTemplate.add(m.group(1));
      }
      Map<String, JsonObject> declared = new LinkedHashMap<>();
      for (JsonObject owner : List.of(o.item(), o.op())) {
        JsonArray params = owner.getJsonArray("parameters");
        for (JsonValue p : params == null ? List.<JsonValue>of() : params) {
          JsonObject param = resolve(doc, p.asJsonObject());
          if (param != null && "path".equals(text(param, "in"))) {
            declared.put(param.getString("name", ""), param);
          }
        }
      }
      for (String name : inTemplate) {
        if (!declared.containsKey(name)) {
          findings.add(o.name() + " does not declare the path parameter " + name);
        }
      }
      declared.forEach(
          (name, param) -> {
            if (!inTemplate.contains(name)) {
              findings.add(o.name() + " declares the path parameter " + name + " its path lacks");
            } else if (!param.getBoolean("required", false)) {
              findings.add(o.name() + " path parameter " + name + " is not required");
            }
          });
    }
    return findings;
  }

  /**
   * Every JSON body with fields, request or response, is a named schema of {@code
   * components/schemas} (a {@code $ref}), so that generated clients get named models rather than
   * names made up from operation ids. A free-form {@code {"type": "object"}} (the document itself,
   * a payment gateway's event) needs no name.
   */
  static List<String> namedBodies(JsonObject doc) {
    List<String> findings = new ArrayList<>();
    for (Operation o : operations(doc)) {
      List<Map.Entry<String, JsonObject>> bodies = new ArrayList<>();
      JsonObject request = o.op().getJsonObject("requestBody");
      if (request != null && !request.containsKey("$ref")) {
        bodies.add(Map.entry("request body", request));
      }
      JsonObject responses = o.op().getJsonObject("responses");
      if (responses != null) {
        responses.forEach(
            (status, r) -> {
              if (!r.asJsonObject().containsKey("$ref")) {
                bodies.add(Map.entry(status + " response", r.asJsonObject()));
              }
            });
      }
      for (Map.Entry<String, JsonObject> body : bodies) {
        JsonObject content = body.getValue().getJsonObject("content");
        for (String type : content == null ? Set.<String>of() : content.keySet()) {
          JsonObject schema = content.getJsonObject(type).getJsonObject("schema");
          if (type.endsWith("json")
              && schema != null
              && !schema.containsKey("$ref")
              && (schema.containsKey("properties") || schema.containsKey("items"))) {
            findings.add(o.name() + " " + body.getKey() + " (" + type + ") is an unnamed schema");
          }
        }
      }
    }
    return findings;
  }

  /** Every {@code $ref} is local ({@code #/...}) and points at something in the document. */
  static List<String> references(JsonObject doc) {
    List<String> findings = new ArrayList<>();
    references(doc, doc, "", findings);
    return findings;
  }

  private static void references(JsonObject doc, JsonValue v, String at, List<String> findings) {
    if (v instanceof JsonObject o) {
      o.forEach(
          (k, child) -> {
            String here = at + "/" + k.replace("~", "~0").replace("/", "~1");
            if (k.equals("$ref") && child instanceof JsonString ref) {
              if (resolve(doc, ref.getString()) == null) {
                findings.add(here + ": " + ref.getString() + " does not resolve");
              }
            } else {
              references(doc, child, here, findings);
            }
          });
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        references(doc, a.get(i), at + "/" + i, findings);
      }
    }
  }

  /** Every operation names who may call it with a known x-credits-access. */
  static List<String> access(JsonObject doc) {
    List<String> findings = new ArrayList<>();
    for (Operation o : operations(doc)) {
      JsonValue access = o.op().get("x-credits-access");
      if (!(access instanceof JsonString s) || !ACCESS.contains(s.getString())) {
        findings.add(o.name() + " has x-credits-access " + access + ", not one of " + ACCESS);
      }
    }
    return findings;
  }

  /** The object a local reference points at; null when it is not local or points at nothing. */
  static JsonValue resolve(JsonObject doc, String ref) {
    if (!ref.startsWith("#/")) {
      return null;
    }
    try {
      return Json.createPointer(ref.substring(1)).getValue(doc);
    } catch (JsonException e) {
      return null;
    }
  }

  /** {@code value} itself, or what its {@code $ref} points at (null when that is nothing). */
  private static JsonObject resolve(JsonObject doc, JsonObject value) {
    JsonValue ref = value.get("$ref");
    if (ref instanceof JsonString s) {
      JsonValue target = resolve(doc, s.getString());
      return target instanceof JsonObject t ? t : null;
    }
    return value;
  }

  private static String text(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
  }
}
