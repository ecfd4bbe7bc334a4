package com.pokegen.engine.train;

import java.nio.file.Path;

/**
 * Child process of {@link RunLockTest}: locks the run folder given as the first argument, says
 * so on stdout, and holds the lock until its stdin closes (or it is killed).
 */
public final class RunLockHolderProcess {

    private RunLockHolderProcess() {}

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
        }
    }
}
