package org.c2lab.web.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's title, version and security: every route takes {@code Authorization:
 * Bearer c2_...} except login and this document.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "c2 lab server API",
            version = "1",
            description =
                "The Course-Correction Platform lab server: accounts, tokens, audit, models,"
                    + " datasets. Errors are {\"message\", \"field\"}."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
final class ApiInfo {
  private ApiInfo() {}
}
