// /api/docs: Swagger UI from this server's own files, started from a file (the
// Content-Security-Policy forbids inline scripts).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
});
