package com.pokegen.app.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A TestFX test class: runs when a display is available (CI runs the suite under
 * {@code xvfb-run -a}); without {@code DISPLAY} the class is skipped before JavaFX starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+",
        disabledReason = "no DISPLAY: UI tests need an X server (run under xvfb-run -a)")
@ExtendWith(ApplicationExtension.class)
public @interface UiTest {
}
