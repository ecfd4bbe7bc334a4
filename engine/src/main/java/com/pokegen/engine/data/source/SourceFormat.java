package com.pokegen.engine.data.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The captioned-image layouts the importer understands. */
public enum SourceFormat {
    /** Hugging Face imagefolder: pictures plus {@code metadata.jsonl} with {@code file_name} and a caption column. */
    IMAGEFOLDER,
    /** A picture with a {@code .txt} or {@code .caption} file beside it (kohya-style folders too). */
    SIDECAR,
    /** A CSV file (or {@code metadata.csv}) with a file-name column and a caption column. */
    CSV,
    /** Parquet as written by Hugging Face datasets: {@code image} struct (bytes, path) plus a caption column. */
    PARQUET;

    /** File extensions taken as pictures when walking a folder. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp", "gif", "svg");

    /** Guesses the layout of {@code source}. */
    public static SourceFormat detect(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            String ext = extension(source.getFileName().toString());
            switch (ext) {
                case "parquet": return PARQUET;
                case "csv": return CSV;
                case "jsonl": return IMAGEFOLDER;
                default: throw new IllegalArgumentException(source + ": not a folder, .jsonl, .csv or .parquet file");
            }
        }
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException(source + " does not exist");
        }
        if (Files.isRegularFile(source.resolve("metadata.jsonl"))) {
            return IMAGEFOLDER;
        }
        if (Files.isRegularFile(source.resolve("metadata.csv"))) {
            return CSV;
        }
        try (Stream<Path> walk = Files.walk(source, 3)) {
            if (walk.anyMatch(p -> extension(p.getFileName().toString()).equals("parquet"))) {
                return PARQUET;
            }
        }
        return SIDECAR;
    }

    /** Lower-case extension without the dot, or "". */
    public static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Reads {@code source} in this layout. */
    public SourceScan read(Path source, String captionColumn) throws IOException {
        switch (this) {
            case IMAGEFOLDER: return new ImageFolderReader(captionColumn).read(source);
            case SIDECAR: return new SidecarReader().read(source);
            case CSV: return new CsvReader(captionColumn).read(source);
            case PARQUET: return new ParquetReader(captionColumn).read(source);
            default: throw new IllegalStateException(name());
        }
    }
}
