// The JupyterLite application of the Nabla site: JupyterLab's front end with JupyterLite's
// in-browser services and the Nabla kernel, bundled by esbuild into one script (scripts/site-lite.ts).
// JupyterLite's own app (its lab/ folder) loads the same plugins through module federation; here
// they are linked statically, since this site carries one kernel and no third-party extensions.
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import { IServiceManager } from "@jupyterlab/services";
import { PluginRegistry, type IPlugin } from "@lumino/coreutils";
import "./style.js";
import nabla from "./plugin.js";

type Module = { default: unknown } | unknown;

/** The plugins of JupyterLite's lab app that a notebook course needs, in its order. */
const MODULES: Module[] = [
  await import("@jupyterlab/application-extension"),
  await import("@jupyterlab/apputils-extension"),
  await import("@jupyterlab/codemirror-extension"),
  await import("@jupyterlab/completer-extension"),
  await import("@jupyterlab/console-extension"),
  await import("@jupyterlab/docmanager-extension"),
  await import("@jupyterlab/documentsearch-extension"),
  await import("@jupyterlab/filebrowser-extension"),
  await import("@jupyterlab/fileeditor-extension"),
  await import("@jupyterlab/launcher-extension"),
  await import("@jupyterlab/mainmenu-extension"),
  await import("@jupyterlab/markdownviewer-extension"),
  await import("@jupyterlab/markedparser-extension"),
  await import("@jupyterlab/notebook-extension"),
  await import("@jupyterlab/rendermime-extension"),
  await import("@jupyterlab/services-extension"),
  await import("@jupyterlab/shortcuts-extension"),
  await import("@jupyterlab/statusbar-extension"),
  await import("@jupyterlab/theme-light-extension"),
  await import("@jupyterlab/tooltip-extension"),
  await import("@jupyterlab/translation-extension"),
  await import("@jupyterlab/ui-components-extension"),
  await import("@jupyterlite/application-extension"),
  await import("@jupyterlite/apputils-extension"),
  await import("@jupyterlite/services-extension"),
  { default: nabla },
];

const MIME_MODULES: Module[] = [await import("@jupyterlab/vega5-extension")];

/** The plugins JupyterLite 0.8's lab app turns off (its app/lab/package.json): the server's services among them. */
const DISABLED = [
  "@jupyterlab/application-extension:logo",
  "@jupyterlab/application-extension:main",
  "@jupyterlab/application-extension:tree-resolver",
  "@jupyterlab/application-extension:router",
  "@jupyterlab/apputils-extension:licenses-client",
  "@jupyterlab/apputils-extension:announcements",
  "@jupyterlab/apputils-extension:resolver",
  "@jupyterlab/docmanager-extension:download",
  "@jupyterlab/filebrowser-extension:download",
  "@jupyterlab/filebrowser-extension:share-file",
  "@jupyterlab/services-extension:config-section-manager",
  "@jupyterlab/services-extension:connection-status",
  "@jupyterlab/services-extension:default-drive",
  "@jupyterlab/services-extension:event-manager",
  "@jupyterlab/services-extension:kernel-manager",
  "@jupyterlab/services-extension:kernel-spec-manager",
  "@jupyterlab/services-extension:nbconvert-manager",
  "@jupyterlab/services-extension:session-manager",
  "@jupyterlab/services-extension:setting-manager",
  "@jupyterlab/services-extension:user-manager",
  "@jupyterlab/services-extension:workspace-manager",
  "@jupyterlab/translation:translator",
  // No Pyodide here: nothing needs the service worker that serves a Python kernel's files and input().
  "@jupyterlite/application-extension:service-worker-manager",
  // Parts of plugins left out here (the language server, the table of contents, the metadata form).
  "@jupyterlite/application-extension:lsp-connection-manager",
  "@jupyterlab/fileeditor-extension:language-server",
  "@jupyterlab/notebook-extension:language-server",
  "@jupyterlab/notebook-extension:toc",
  "@jupyterlab/notebook-extension:update-raw-mimetype",
];

function* plugins(module: Module): Generator<IPlugin<JupyterLab, unknown>> {
  const exported = (module as { default?: unknown }).default ?? module;
  for (const plugin of (Array.isArray(exported) ? exported : [exported]) as IPlugin<JupyterLab, unknown>[]) {
    if (!DISABLED.includes(plugin.id) && !PageConfig.Extension.isDisabled(plugin.id)) yield plugin;
  }
}

async function main(): Promise<void> {
  const registry = new PluginRegistry();
  const all = MODULES.flatMap((m) => [...plugins(m)]);
  registry.registerPlugins(all);
  const serviceManager = await registry.resolveRequiredService(IServiceManager);
  const app = new JupyterLab({
    pluginRegistry: registry,
    mimeExtensions: MIME_MODULES.flatMap((m) => [...plugins(m)]) as never,
    serviceManager,
    availablePlugins: all.map((p) => ({ ...p, extension: "nabla-lite" })) as never,
  } as ConstructorParameters<typeof JupyterLab>[0]);
  (window as unknown as { jupyterapp: JupyterLab }).jupyterapp = app;
  await app.start({ bubblingKeydown: true });
  await app.restored;
  document.body.dataset.nablaRestored = "true";
}

void main();
