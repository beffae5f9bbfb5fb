package io.github.docuelevate.onedrive.examples;

import org.jspecify.annotations.Nullable;

/** Builds the pages: every value from a user, Microsoft or a drive goes through {@link #text}. */
final class Html {
  private final StringBuilder out = new StringBuilder();

  private Html() {}

  /**
   * Starts a page.
   *
   * @param title the page title (escaped)
   * @param user the signed-in user, shown in the header, or {@code null}
   * @param csrf the session's CSRF token for the sign-out form, or {@code null}
   */
  static Html page(String title, @Nullable String user, @Nullable String csrf) {
    Html html = new Html();
    html.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .text(title)
        .raw("</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><header>")
        .raw("<a href=\"/integrations\">Integrations</a> <a href=\"/onedrive-setup\">Setup</a>");
    if (user != null && csrf != null) {
      html.raw(" <span class=\"user\">Signed in as <b id=\"current-user\">")
          .text(user)
          .raw("</b></span>")
          .form("/logout")
          .hidden("csrf", csrf)
          .raw("<button id=\"logout\">Sign out</button></form>");
    }
    return html.raw("</header><main><h1>").text(title).raw("</h1>");
  }

  /** Escapes text for an element's content or a quoted attribute value. */
  static String escape(@Nullable String value) {
    if (value == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Appends escaped text. */
  Html text(@Nullable String value) {
    out.append(escape(value));
    return this;
  }

  /** Appends markup written in this application (never data). */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Opens a POST form. */
  Html form(String action) {
    return raw("<form method=\"post\" action=\"").text(action).raw("\">");
  }

  /** Appends a hidden field. */
  Html hidden(String name, String value) {
    return raw("<input type=\"hidden\" name=\"")
        .text(name)
        .raw("\" value=\"")
        .text(value)
        .raw("\">");
  }

  /** Appends a one-button POST form carrying the CSRF token and one more field. */
  Html button(String action, String csrf, String id, String label) {
    return form(action)
        .hidden("csrf", csrf)
        .raw("<button id=\"")
        .text(id)
        .raw("\">")
        .text(label)
        .raw("</button></form>");
  }

  /** Appends a link. */
  Html link(String href, String id, String label) {
    return raw("<a id=\"").text(id).raw("\" href=\"").text(href).raw("\">").text(label).raw("</a>");
  }

  /** Closes the page. */
  String end() {
    return out.append("</main></body></html>").toString();
  }
}
