package com.pokegen.engine.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cleans captions: Unicode NFC, control characters and whitespace runs to single spaces,
 * optional lower case, BLIP's hallucinated words ("arafed", "araffe", ...) removed, and
 * immediately repeated words or phrases ("a a", "with a hat with a hat") collapsed.
 */
public final class CaptionNormalizer {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Cc}\\p{Zs}\\u200B\\uFEFF]+");
    private static final Pattern BLIP_ARTEFACT = Pattern.compile("^ar{1,2}af{1,2}(e|ed|es|eds|y|ly|fe|fes)?$");
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile(" ([,.;:!?])");
    private static final int LONGEST_REPEAT = 4;

    private CaptionNormalizer() {}

    /** The cleaned caption ("" when nothing is left). */
    public static String normalise(String caption, boolean lowercase) {
        String text = Normalizer.normalize(caption, Normalizer.Form.NFC);
        text = WHITESPACE.matcher(text).replaceAll(" ").trim();
        if (lowercase) {
            text = text.toLowerCase(Locale.ROOT);
        }
        List<String> words = new ArrayList<>();
        for (String w : text.split(" ")) {
            if (!w.isEmpty() && !BLIP_ARTEFACT.matcher(bare(w)).matches()) {
                words.add(w);
            }
        }
        fixArticles(words);
        collapseRepeats(words);
        return SPACE_BEFORE_PUNCT.matcher(String.join(" ", words)).replaceAll("$1");
    }

    /** "an" left before a consonant by a removed artefact ("an arafed man") becomes "a". */
    private static void fixArticles(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            String next = bare(words.get(i + 1));
            if (words.get(i).equalsIgnoreCase("an") && !next.isEmpty() && "aeiou".indexOf(next.charAt(0)) < 0) {
                words.set(i, words.get(i).charAt(0) == 'A' ? "A" : "a");
            }
        }
    }

    /** Removes a phrase of 1..4 words that directly repeats the phrase before it. */
    private static void collapseRepeats(List<String> words) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int n = 1; n <= LONGEST_REPEAT && !changed; n++) {
                for (int i = 0; i + 2 * n <= words.size(); i++) {
                    if (samePhrase(words, i, i + n, n)) {
                        words.subList(i + n, i + 2 * n).clear();
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private static boolean samePhrase(List<String> words, int a, int b, int n) {
        for (int k = 0; k < n; k++) {
            if (!bare(words.get(a + k)).equalsIgnoreCase(bare(words.get(b + k)))) {
                return false;
            }
        }
        return !bare(words.get(a)).isEmpty();
    }

    /** The word without surrounding punctuation. */
    private static String bare(String word) {
        return word.replaceAll("^[\\p{Punct}]+|[\\p{Punct}]+$", "").toLowerCase(Locale.ROOT);
    }
}
