package com.pokegen.app.service;

/**
 * One editable training setting as the engine describes it.
 *
 * @param key         the config key ("steps", "learning_rate")
 * @param description one line saying what it does
 * @param defaultText the preset's value as text (lists: one item a line)
 * @param list        whether the value is a list (edited one item a line)
 */
public record TrainingSetting(String key, String description, String defaultText, boolean list) {
}
