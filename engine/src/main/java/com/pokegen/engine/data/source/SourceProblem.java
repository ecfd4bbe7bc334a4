package com.pokegen.engine.data.source;

/** Defects found while reading a source's listing (before any picture is decoded). */
public enum SourceProblem {
    /** A metadata line or CSV record that is not valid UTF-8, not valid JSON/CSV or lacks its file column. */
    BAD_METADATA_LINE,
    /** A second record for a file name already listed; the first record is kept. */
    DUPLICATE_FILE_NAME,
    /** The listed file does not exist (or is not a regular file). */
    MISSING_FILE,
    /** The file name leaves the dataset folder through {@code ..}. */
    PATH_ESCAPES,
    /** The file name is an absolute path. */
    ABSOLUTE_PATH,
    /** The file, or a folder on its way, is a symbolic link (it could point anywhere). */
    SYMLINK,
    /** An image file in the folder that the metadata does not list (ignored, as Hugging Face does). */
    NOT_IN_METADATA
}
