package com.pokegen.app.captions;

import com.pokegen.app.service.ReplacePreview;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A replacement preview with the changed text marked: the words between the common start and end
 * of before and after are struck out in the old caption ({@code removed-text}) and highlighted in the
 * new one ({@code added-text}).
 */
final class ChangeHighlight {

    private ChangeHighlight() {
    }

    static TextFlow of(ReplacePreview preview) {
        String before = preview.before();
        String after = preview.after();
        int prefix = 0;
        int max = Math.min(before.length(), after.length());
        while (prefix < max && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        // whole words: "number" → "no." marks both words, not "umber" → "o."
        while (prefix > 0 && Character.isLetterOrDigit(before.charAt(prefix - 1))) {
            prefix--;
        }
        while (suffix > 0 && Character.isLetterOrDigit(before.charAt(before.length() - suffix))) {
            suffix--;
        }
        TextFlow flow = new TextFlow(plain(preview.id() + ": "));
        add(flow, before, prefix, suffix, "removed-text");
        flow.getChildren().add(plain("  →  "));
        add(flow, after, prefix, suffix, "added-text");
        flow.setMaxWidth(340);
        return flow;
    }

    private static void add(TextFlow flow, String text, int prefix, int suffix, String changedStyle) {
        flow.getChildren().add(plain(text.substring(0, prefix)));
        Text changed = new Text(text.substring(prefix, text.length() - suffix));
        changed.getStyleClass().addAll("preview-text", changedStyle);
        flow.getChildren().add(changed);
        flow.getChildren().add(plain(text.substring(text.length() - suffix)));
    }

    private static Text plain(String text) {
        Text node = new Text(text);
        node.getStyleClass().add("preview-text");
        return node;
    }
}
