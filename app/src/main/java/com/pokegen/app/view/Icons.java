package com.pokegen.app.view;

import javafx.scene.control.ButtonBase;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons for buttons. */
public final class Icons {

    private Icons() {
    }

    public static FontIcon icon(String literal) {
        FontIcon icon = new FontIcon(literal);
        icon.getStyleClass().add("studio-icon");
        return icon;
    }

    /** Gives {@code button} an id, an icon and a tooltip-free label; returns it for chaining. */
    public static <B extends ButtonBase> B decorate(B button, String id, String iconLiteral) {
        button.setId(id);
        button.setGraphic(icon(iconLiteral));
        return button;
    }
}
