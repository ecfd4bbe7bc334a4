package com.pokegen.engine.data.pack;

import java.io.IOException;
import java.nio.file.Path;

/** Downloads a package tarball (the only step of the pack that needs the network). */
@FunctionalInterface
public interface PackageFetcher {

    /** Downloads {@code pkg}'s tarball into the empty folder {@code dest}; returns the file. */
    Path fetch(NpmPackage pkg, Path dest) throws IOException;
}
