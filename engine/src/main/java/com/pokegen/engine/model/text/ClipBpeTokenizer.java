package com.pokegen.engine.model.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's tokenizer in pure Java, from {@code vocab.json} + {@code merges.txt} (for model folders
 * that ship no {@code tokenizer.json}): byte-level BPE (Sennrich et al., 2016; GPT-2's byte
 * alphabet) with {@code </w>} marking word ends.
 *
 * <p>Steps, as transformers' fast CLIP tokenizer does them: NFC, collapse whitespace runs to one
 * space, lower-case; split into words (letter runs, single digits, punctuation runs,
 * contractions); map each word's UTF-8 bytes to printable characters; apply merges by rank;
 * add {@code <|startoftext|>} / {@code <|endoftext|>}; truncate/pad to {@code model_max_length}.
 */
public final class ClipBpeTokenizer implements PromptTokenizer {

    private static final Pattern WORDS = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String END_OF_WORD = "</w>";
    private static final char[] BYTE_TO_CHAR = byteAlphabet();
    private static final int CACHE_LIMIT = 20_000;

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> mergeRanks;
    private final TokenizerSettings settings;
    private final long bosId;
    private final long eosId;
    private final long padId;
    private final Pattern specials;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab token string to id (must contain the BOS, EOS and pad tokens)
     * @param merges pairs "a b" in priority order (first = merged first)
     */
    public ClipBpeTokenizer(Map<String, Integer> vocab, List<String> merges, TokenizerSettings settings) {
        this.vocab = Map.copyOf(vocab);
        this.settings = settings;
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            ranks.putIfAbsent(merges.get(i), i);
        }
        this.mergeRanks = ranks;
        bosId = requireId(settings.bosToken(), "bos_token");
        eosId = requireId(settings.eosToken(), "eos_token");
        padId = requireId(settings.padToken(), "pad_token");
        specials = Pattern.compile(Pattern.quote(settings.bosToken()) + "|" + Pattern.quote(settings.eosToken()));
    }

    /** Reads {@code vocab.json}, {@code merges.txt} and (if present) {@code tokenizer_config.json}. */
    public static ClipBpeTokenizer fromFolder(Path dir) throws IOException {
        return fromFiles(dir.resolve("vocab.json"), dir.resolve("merges.txt"), TokenizerSettings.read(dir));
    }

    public static ClipBpeTokenizer fromFiles(Path vocabJson, Path mergesTxt, TokenizerSettings settings)
            throws IOException {
        Map<String, Integer> vocab;
        try {
            vocab = new ObjectMapper().readValue(vocabJson.toFile(), new TypeReference<Map<String, Integer>>() {});
        } catch (IOException e) {
            throw new IOException(vocabJson + ": expected a JSON object {token: id} (" + e.getMessage() + ")", e);
        }
        List<String> merges = new ArrayList<>();
        for (String line : Files.readAllLines(mergesTxt, StandardCharsets.UTF_8)) {
            if (line.isBlank() || (merges.isEmpty() && line.startsWith("#version"))) {
                continue;
            }
            if (line.trim().split(" ").length != 2) {
                throw new IOException(mergesTxt + ": line '" + line + "' is not a pair 'a b'");
            }
            merges.add(line.trim());
        }
        try {
            return new ClipBpeTokenizer(vocab, merges, settings);
        } catch (IllegalArgumentException e) {
            throw new IOException(vocabJson + ": " + e.getMessage(), e);
        }
    }

    private long requireId(String token, String field) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException(field + " '" + token + "' is not in the vocabulary");
        }
        return id;
    }

    @Override
    public int maxLength() {
        return settings.maxLength();
    }

    public long padId() {
        return padId;
    }

    @Override
    public TokenizedBatch tokenize(List<String> prompts) {
        List<long[]> encoded = new ArrayList<>(prompts.size());
        for (String p : prompts) {
            encoded.add(encode(p));
        }
        return TokenizedBatch.fit(encoded, maxLength(), padId);
    }

    /** Ids with BOS and EOS, neither truncated nor padded. */
    public long[] encode(String prompt) {
        List<Long> ids = new ArrayList<>();
        ids.add(bosId);
        for (String token : tokens(prompt)) {
            ids.add(vocab.getOrDefault(token, (int) eosId).longValue()); // unk_token is EOS in CLIP
        }
        ids.add(eosId);
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** BPE token strings without BOS/EOS, e.g. {@code ["a</w>", "red</w>"]}. */
    public List<String> tokens(String prompt) {
        List<String> out = new ArrayList<>();
        Matcher special = specials.matcher(prompt);
        int start = 0;
        while (special.find()) {
            wordTokens(prompt.substring(start, special.start()), out);
            out.add(special.group()); // special tokens are matched before normalisation
            start = special.end();
        }
        wordTokens(prompt.substring(start), out);
        return out;
    }

    private void wordTokens(String text, List<String> out) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFC);
        normal = WHITESPACE.matcher(normal).replaceAll(" ").toLowerCase(Locale.ROOT);
        Matcher m = WORDS.matcher(normal);
        while (m.find()) {
            out.addAll(bpe(toByteChars(m.group())));
        }
    }

    private static String toByteChars(String word) {
        StringBuilder sb = new StringBuilder();
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            sb.append(BYTE_TO_CHAR[b & 0xff]);
        }
        return sb.toString();
    }

    /** Applies merges lowest rank first until none applies. */
    private List<String> bpe(String word) {
        List<String> cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            symbols.add(String.valueOf(word.charAt(i)));
        }
        int lastIndex = symbols.size() - 1;
        symbols.set(lastIndex, symbols.get(lastIndex) + END_OF_WORD);
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = mergeRanks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                }
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            symbols = mergeAll(symbols, bestRank);
        }
        List<String> result = List.copyOf(symbols);
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(word, result);
        return result;
    }

    /** Merges every left-to-right occurrence of the pair with rank {@code rank}. */
    private List<String> mergeAll(List<String> symbols, int rank) {
        List<String> merged = new ArrayList<>(symbols.size());
        int i = 0;
        while (i < symbols.size()) {
            if (i + 1 < symbols.size()
                    && Integer.valueOf(rank).equals(mergeRanks.get(symbols.get(i) + " " + symbols.get(i + 1)))) {
                merged.add(symbols.get(i) + symbols.get(i + 1));
                i += 2;
            } else {
                merged.add(symbols.get(i));
                i++;
            }
        }
        return merged;
    }

    /**
     * GPT-2's reversible byte → character table: printable Latin-1 bytes map to themselves,
     * the other 68 bytes to U+0100 onwards, so every byte string is a printable string.
     */
    private static char[] byteAlphabet() {
        char[] table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char) b : (char) next++;
        }
        return table;
    }

    @Override
    public void close() {
        cache.clear();
    }
}
