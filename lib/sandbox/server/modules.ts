/**
 * THE module registry: every sandbox engine is mounted by adding its factory here (types.ts
 * `SandboxModuleFactory`). Factories run once, in this order, with the shared context; each may
 * publish its API on the context (ctx.voice, ctx.taskrouter, ctx.media, …) and must use other
 * modules' APIs only lazily, at request time.
 *
 * To mount a module: export `fooModule: SandboxModuleFactory` from lib/sandbox/foo/ and append
 * it to `engineModules` below (one line; keep the list sorted as it is to ease merges).
 */
import { accountModule } from "../account/account-module";
import type { SandboxModuleFactory } from "../core/types";
import { mediaModule } from "../media";
import { messagingModule } from "../messaging/messaging-module";
import { taskrouterModule } from "../taskrouter/module";
import { videoModule } from "../video/video-module";
import { voiceModule } from "../voice/voice-module";

export function engineModules(options: { phoneNumber: string }): SandboxModuleFactory[] {
  return [
    accountModule({ phoneNumber: options.phoneNumber }),
    voiceModule,
    messagingModule,
    taskrouterModule,
    mediaModule,
    videoModule,
  ];
}
