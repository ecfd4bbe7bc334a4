/**
 * Mass generation ({@code pokegen batch}): prompt templates, every prompt × seed rendered one image
 * per lane for bit-exact results, a resumable {@code manifest.jsonl}, curation flags and an
 * offline HTML gallery. May use io, data, pipeline and eval (curation, HTML); used by cli and the
 * Spark module.
 */
package com.pokegen.engine.batch;
