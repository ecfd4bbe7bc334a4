package com.pokegen.app.service.engine;

import com.pokegen.app.service.ModelChoice;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the studio finds its two image models (diffusers pipeline folders): the distilled student
 * and the teacher it learned from. Either may be missing; generating with a missing one fails with
 * a message that names the folder and how to make it.
 */
public record ModelFolders(Path student, Path teacher) {

    /** Default student folder under the studio home. */
    public static final String DEFAULT_STUDENT = "models/pokemon-tiny-student";
    /** Default teacher folder under the studio home. */
    public static final String DEFAULT_TEACHER = "models/pokemon-tiny-teacher";

    public ModelFolders {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(teacher, "teacher");
    }

    /** The default folders under {@code home} ({@link #DEFAULT_STUDENT}, {@link #DEFAULT_TEACHER}). */
    public static ModelFolders defaults(Path home) {
        return new ModelFolders(home.resolve(DEFAULT_STUDENT), home.resolve(DEFAULT_TEACHER));
    }

    /**
     * The defaults with command-line overrides: {@code --model DIR} (or {@code --student DIR}) and
     * {@code --teacher DIR}, relative paths resolved against {@code base}. Other arguments are ignored.
     */
    public static ModelFolders fromArguments(Path home, Path base, List<String> args) {
        Path student = home.resolve(DEFAULT_STUDENT);
        Path teacher = home.resolve(DEFAULT_TEACHER);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if ((arg.equals("--model") || arg.equals("--student")) && value != null) {
                student = base.resolve(value).toAbsolutePath().normalize();
                i++;
            } else if (arg.equals("--teacher") && value != null) {
                teacher = base.resolve(value).toAbsolutePath().normalize();
                i++;
            } else if (arg.startsWith("--model=") || arg.startsWith("--student=")) {
                student = base.resolve(arg.substring(arg.indexOf('=') + 1)).toAbsolutePath().normalize();
            } else if (arg.startsWith("--teacher=")) {
                teacher = base.resolve(arg.substring(arg.indexOf('=') + 1)).toAbsolutePath().normalize();
            }
        }
        return new ModelFolders(student, teacher);
    }

    public Path folder(ModelChoice choice) {
        return choice == ModelChoice.STUDENT ? student : teacher;
    }
}
