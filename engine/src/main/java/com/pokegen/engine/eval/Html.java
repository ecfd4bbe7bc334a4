package com.pokegen.engine.eval;

import java.util.regex.Pattern;

/** HTML escaping and safe image references for reports built from user and dataset strings. */
public final class Html {

    private static final Pattern DATA_PNG = Pattern.compile("data:image/(png|jpeg);base64,[A-Za-z0-9+/]+=*");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private Html() {}

    /** Escapes text for element content and quoted attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * An image reference that keeps the report offline and inert: a base64 PNG/JPEG data URI, or
     * a relative path (no scheme such as {@code https:} or {@code javascript:}, no leading slash).
     */
    public static String imageSource(String ref) {
        if (DATA_PNG.matcher(ref).matches()) {
            return ref;
        }
        if (SCHEME.matcher(ref).find() || ref.startsWith("/") || ref.startsWith("\\") || ref.contains("//")) {
            throw new IllegalArgumentException("report images must be relative paths or data:image URIs, got '"
                    + (ref.length() > 80 ? ref.substring(0, 80) + "..." : ref) + "'");
        }
        StringBuilder sb = new StringBuilder();
        for (String part : ref.replace('\\', '/').split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }
}
