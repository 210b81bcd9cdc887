// The Nabla plugins of the site: the kernel (registered with JupyterLite's kernel specs, with the
// kernel client's interrupt reaching it) and the editor language.
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { IEditorLanguageRegistry } from "@jupyterlab/codemirror";
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import { IKernelClient, IKernelSpecs, type IKernelClient as KernelClient } from "@jupyterlite/services";
import type { HighlightVocabulary } from "../../src/render/highlight.js";
import { NablaKernel, RUNNING } from "./kernel.js";
import { nablaLanguage } from "./language.js";
import { typesetter } from "./typesetter.js";

/** The highlighter's vocabulary, put in by the site's build (scripts/site-lite.ts). */
declare const NABLA_VOCABULARY: HighlightVocabulary;

const kernel: JupyterFrontEndPlugin<void> = {
  id: "nabla-lite:kernel",
  description: "The Nabla kernel, evaluating in a Web Worker.",
  autoStart: true,
  requires: [IKernelSpecs, IKernelClient],
  activate: (_app: JupyterFrontEnd, specs: IKernelSpecs, client: KernelClient) => {
    const base = PageConfig.getBaseUrl();
    specs.register({
      spec: {
        name: "nabla",
        display_name: "Nabla",
        language: "nabla",
        argv: [],
        resources: {
          "logo-32x32": URLExt.join(base, "nabla/logo-32x32.png"),
          "logo-64x64": URLExt.join(base, "nabla/logo-64x64.png"),
        },
      },
      create: async (options) => new NablaKernel({ ...options, workerUrl: URLExt.join(base, "nabla/worker.js") }),
    });
    // JupyterLite's client only cancels the cells waiting behind the running one; the running cell
    // is Nabla's to stop.
    const interrupt = client.interrupt.bind(client);
    client.interrupt = async (id: string) => {
      RUNNING.get(id)?.interrupt();
      return interrupt(id);
    };
  },
};

const language: JupyterFrontEndPlugin<void> = {
  id: "nabla-lite:language",
  description: "Nabla's highlighting in notebooks, consoles and the editor.",
  autoStart: true,
  requires: [IEditorLanguageRegistry],
  activate: (_app: JupyterFrontEnd, languages: IEditorLanguageRegistry) => {
    const support = nablaLanguage(NABLA_VOCABULARY);
    languages.addLanguage({
      name: "nabla",
      displayName: "Nabla",
      mime: "text/x-nabla",
      extensions: ["nabla"],
      support,
      load: async () => support,
    });
  },
};

export default [kernel, language, typesetter];
