package com.pokegen.app.service;

/**
 * One model's Bradley–Terry strength from human A/B votes.
 *
 * @param model       the model name the votes were recorded under
 * @param strength    fitted strength (the probability of beating an opponent is its share of the pair's sum)
 * @param lower95     bootstrap 95 % interval, lower end
 * @param upper95     bootstrap 95 % interval, upper end
 * @param elo         Elo-style rating 1000 + 400·log10(strength)
 * @param comparisons votes that involved the model (skips excluded)
 */
public record ModelRanking(String model, double strength, double lower95, double upper95, double elo, int comparisons) {
}
