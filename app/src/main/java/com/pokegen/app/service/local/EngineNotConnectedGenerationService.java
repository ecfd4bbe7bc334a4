package com.pokegen.app.service.local;

import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.ProgressMonitor;

import java.io.IOException;

/**
 * The generation port before the engine's pipeline is wired in: every call fails with a message
 * saying so (the studio shows it instead of an image). Never returns made-up pictures.
 */
public final class EngineNotConnectedGenerationService implements GenerationService {

    @Override
    public GeneratedImage generate(GenerationRequest request, ProgressMonitor monitor) throws IOException {
        throw new IOException("No image model is connected in this build: the studio's generator "
                + "arrives with the engine's pipeline (use ./pokegen generate meanwhile)");
    }

    @Override
    public String deviceName() {
        return "engine not connected";
    }
}
