/**
 * Readers of captioned-picture layouts. Each returns the records it could list and the listing
 * defects (bad metadata lines, repeated, missing, absolute, escaping or symlinked file names).
 */
package com.pokegen.engine.data.source;
