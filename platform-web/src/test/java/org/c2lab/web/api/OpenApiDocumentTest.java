package org.c2lab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated OpenAPI document: served without a token, listing every /api route. */
class OpenApiDocumentTest {
  private static final Pattern PATH = Pattern.compile("^  (/\\S*):$");
  private static final Pattern METHOD = Pattern.compile("^    (get|post|put|delete|patch):$");

  @TempDir static Path home;
  static ApiServer api;

  @BeforeAll
  static void start() {
    api = ApiServer.start(home);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void theDocumentIsServedWithoutAToken() throws Exception {
    ApiServer.Response yml = api.get("/api/openapi.yml", null);
    assertEquals(200, yml.status());
    assertTrue(yml.text().startsWith("openapi: 3."), yml.text());
    assertEquals(yml.text(), api.get("/api/openapi.yaml", null).text());
  }

  @Test
  void everyApiRouteOfTheServerIsInTheDocument() throws Exception {
    Map<String, Set<String>> documented = operations(api.get("/api/openapi.yml", null).text());
    Set<String> missing = new TreeSet<>();
    int routes = 0;
    for (UriRouteInfo<?, ?> route : api.bean(Router.class).uriRoutes().toList()) {
      String path = route.getUriMatchTemplate().toPathString();
      // HEAD routes are the framework's automatic twins of GET routes
      if (!path.startsWith("/api/")
          || path.startsWith("/api/openapi")
          || route.getHttpMethodName().equals("HEAD")) {
        continue;
      }
      routes++;
      String method = route.getHttpMethodName().toLowerCase();
      if (!documented.getOrDefault(path, Set.of()).contains(method)) {
        missing.add(method + " " + path);
      }
    }
    assertTrue(routes >= 20, "routes found: " + routes);
    assertEquals(Set.of(), missing);
  }

  /** Path to its operations' methods, read from the YAML's {@code paths:} section. */
  private static Map<String, Set<String>> operations(String yaml) {
    Map<String, Set<String>> out = new HashMap<>();
    String current = null;
    for (String line : List.of(yaml.split("\n"))) {
      Matcher p = PATH.matcher(line);
      Matcher m = METHOD.matcher(line);
      if (p.matches()) {
        current = p.group(1);
      } else if (m.matches() && current != null) {
        out.computeIfAbsent(current, k -> new HashSet<>()).add(m.group(1));
      } else if (!line.startsWith(" ")) {
        current = null;
      }
    }
    return out;
  }
}
