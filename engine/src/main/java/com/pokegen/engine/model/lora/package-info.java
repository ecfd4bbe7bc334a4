/**
 * LoRA adapters (rank, alpha, dropout) on the UNet's linear and conv layers, with PEFT and kohya
 * file layouts. May use io and model.nn; used by pipeline (run-time and merged LoRAs) and train.
 */
package com.pokegen.engine.model.lora;
