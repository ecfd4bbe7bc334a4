package com.pokegen.app.service;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A bulk find/replace over captions. Plain text by default; with {@code regex} the replacement
 * may use {@code $1} groups.
 */
public record ReplaceQuery(String find, String replacement, boolean regex, boolean matchCase) {

    public ReplaceQuery {
        Objects.requireNonNull(find, "find");
        replacement = replacement == null ? "" : replacement;
        if (find.isEmpty()) {
            throw new IllegalArgumentException("Find text is empty: type the text to replace");
        }
        if (regex) {
            try {
                Pattern.compile(find);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Invalid regular expression '" + find + "': "
                        + e.getDescription() + " (untick 'Regex' to search for plain text)", e);
            }
        }
    }

    /** The caption after replacing every match; equal to {@code caption} when nothing matches. */
    public String apply(String caption) {
        int flags = matchCase ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        Pattern pattern = regex ? Pattern.compile(find, flags) : Pattern.compile(Pattern.quote(find), flags);
        String replacementText = regex ? replacement : Matcher.quoteReplacement(replacement);
        return pattern.matcher(caption).replaceAll(replacementText);
    }
}
