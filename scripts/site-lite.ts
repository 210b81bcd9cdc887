// `npm run site`: the course as a JupyterLite site in out/site/, which runs with nothing installed
// and is served by any static server. The JupyterLite and JupyterLab packages live in lite/node_modules
// (lite/package.json pins them together; `npm ci --prefix lite` installs them); esbuild bundles the
// application (lite/src/app.ts), its styles and theme, and the kernel's worker, which holds the same
// engine and Session as the CLI (lite/src/worker.ts). Then the site's data: the settings schemas
// JupyterLab's plugins read, the file tree (every course notebook and the student version of the
// sample homework — never a master), and the pages' configuration.
import { spawnSync } from "node:child_process";
import { build, type Plugin } from "esbuild";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { highlightVocabulary } from "../src/render/highlight.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LITE = join(ROOT, "lite");
const MODULES = join(LITE, "node_modules");

/** The notebooks a student may open: the course's and the homework's student versions. */
export function siteNotebooks(root = ROOT): string[] {
  const dir = join(root, "notebooks");
  const course = readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  const homework = readdirSync(join(dir, "homework"))
    .filter((f) => f.endsWith(".ipynb") && /student/.test(f) && !/master/.test(f))
    .sort()
    .map((f) => `homework/${f}`);
  return [...course, ...homework];
}

/**
 * The link from a course page (in `courseDir`) to its notebook in the JupyterLite site beside it
 * (`courseDir/site/`), when that site is built and holds it: a homework master's page links to the
 * student version, the one the site publishes.
 */
export function siteLink(courseDir: string, notebook: string): string | undefined {
  const name = notebook.replace(/\.ipynb$/, "");
  for (const path of [`${name}.ipynb`, `homework/${name.replace(/master/g, "student")}.ipynb`])
    if (existsSync(join(courseDir, "site", "files", path)))
      return `site/lab/index.html?path=${encodeURIComponent(path)}`;
  return undefined;
}

/** `node:*` imports → lite/src/node-stubs.ts; `import.meta.url` has no meaning in a classic worker. */
const browserWorker: Plugin = {
  name: "browser-worker",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, () => ({ path: join(LITE, "src", "node-stubs.ts") }));
    // The ZeroMQ kernel's snapshot tracker is the one source of names to restore; it is exported here
    // because kernel/worker.ts keeps it module-private.
    b.onLoad({ filter: /kernel[\\/]worker\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!/^class Snapshots\b/m.test(source) && !/^export class Snapshots\b/m.test(source))
        throw new Error("kernel/worker.ts no longer defines Snapshots: update scripts/site-lite.ts");
      const exported = /^export class Snapshots\b/m.test(source);
      return { contents: exported ? source : `${source}\nexport { Snapshots };\n`, loader: "ts" };
    });
  },
};

/** JupyterLab's CSS names packages' files with webpack's `~package/…`; SVG imported by code is its text. */
const jupyterAssets: Plugin = {
  name: "jupyter-assets",
  setup(b) {
    b.onResolve({ filter: /^~/ }, async (args) =>
      b.resolve(args.path.slice(1), { resolveDir: args.resolveDir, kind: args.kind }),
    );
    // The engine's KaTeX (the results' HTML is its output), for the Markdown cells' math too.
    b.onResolve({ filter: /^katex(\/|$)/ }, async (args) =>
      args.resolveDir === ROOT ? undefined : b.resolve(args.path, { resolveDir: ROOT, kind: args.kind }),
    );
    b.onResolve({ filter: /\.svg$/ }, (args) => {
      if (args.kind === "url-token" || args.path.startsWith("data:")) return undefined;
      return { path: join(args.resolveDir, args.path), namespace: "svg-text" };
    });
    b.onLoad({ filter: /.*/, namespace: "svg-text" }, (args) => ({
      contents: readFileSync(args.path, "utf8"),
      loader: "text",
    }));
  },
};

const ASSET_LOADERS = {
  ".woff": "file",
  ".woff2": "file",
  ".ttf": "file",
  ".eot": "file",
  ".png": "file",
  ".gif": "file",
  ".svg": "file",
} as const;

async function bundleWorker(out: string): Promise<void> {
  await build({
    entryPoints: [join(LITE, "src", "worker.ts")],
    outfile: join(out, "nabla", "worker.js"),
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    define: {
      "import.meta.url": "self.location.href",
      "process.env.NABLA_STATEMENT_SECONDS": "undefined",
      "process.pid": "0",
    },
    plugins: [browserWorker],
    logLevel: "warning",
  });
}

async function bundleApp(out: string): Promise<void> {
  await build({
    entryPoints: { app: join(LITE, "src", "app.ts") },
    outdir: join(out, "build"),
    bundle: true,
    splitting: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    nodePaths: [MODULES],
    loader: ASSET_LOADERS,
    assetNames: "assets/[name]-[hash]",
    chunkNames: "chunks/[name]-[hash]",
    define: {
      "process.env.NODE_ENV": '"production"',
      global: "globalThis",
      // MathJax asks where its files are (for its own loader, which this site never uses).
      __dirname: JSON.stringify("/"),
      NABLA_VOCABULARY: JSON.stringify(highlightVocabulary()),
    },
    plugins: [jupyterAssets],
    logLevel: "error",
  });
  // The theme is loaded by the theme manager from themesUrl, as JupyterLab's build lays it out.
  await build({
    entryPoints: [join(MODULES, "@jupyterlab", "theme-light-extension", "style", "theme.css")],
    outfile: join(out, "build", "themes", "@jupyterlab", "theme-light-extension", "index.css"),
    bundle: true,
    minify: true,
    loader: { ...ASSET_LOADERS, ".svg": "dataurl" },
    assetNames: "[name]-[hash]",
    logLevel: "error",
  });
}

interface SchemaEntry {
  id: string;
  raw: string;
  schema: unknown;
  settings: Record<string, never>;
  version: string;
}

/** build/schemas/all.json: every plugin's settings schema, as jupyterlab_server serves them. */
function schemas(): SchemaEntry[] {
  const entries: SchemaEntry[] = [];
  for (const scope of ["@jupyterlab", "@jupyterlite"]) {
    for (const name of readdirSync(join(MODULES, scope)).sort()) {
      const dir = join(MODULES, scope, name);
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        version: string;
        jupyterlab?: { schemaDir?: string };
      };
      const schemaDir = pkg.jupyterlab?.schemaDir;
      if (!schemaDir || !existsSync(join(dir, schemaDir))) continue;
      for (const file of readdirSync(join(dir, schemaDir))
        .filter((f) => f.endsWith(".json"))
        .sort()) {
        entries.push({
          id: `${scope}/${name}:${file.replace(/\.json$/, "")}`,
          raw: "{}",
          schema: JSON.parse(readFileSync(join(dir, schemaDir, file), "utf8")),
          settings: {},
          version: pkg.version,
        });
      }
    }
  }
  return entries;
}

interface ContentModel {
  name: string;
  path: string;
  type: "notebook" | "directory";
  format: "json" | null;
  mimetype: string | null;
  content: null;
  created: string;
  last_modified: string;
  size: number | null;
  writable: boolean;
}

/** files/ and the api/contents/**\/all.json listings JupyterLite's drive reads. */
function fileTree(out: string, notebooks: string[]): void {
  const folders = new Map<string, ContentModel[]>([["", []]]);
  const date = new Date(0).toISOString();
  // A folder is as new as the site (the file browser shows its age).
  const built = new Date().toISOString();
  for (const path of notebooks) {
    const source = join(ROOT, "notebooks", path);
    const target = join(out, "files", path);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target);
    const parts = path.split("/");
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join("/");
      const parent = parts.slice(0, depth - 1).join("/");
      if (!folders.has(folder)) {
        folders.set(folder, []);
        folders.get(parent)!.push({
          name: parts[depth - 1],
          path: folder,
          type: "directory",
          format: null,
          mimetype: null,
          content: null,
          created: built,
          last_modified: built,
          size: null,
          writable: true,
        });
      }
    }
    folders.get(parts.slice(0, -1).join("/"))!.push({
      name: parts.at(-1)!,
      path,
      type: "notebook",
      format: "json",
      mimetype: "application/x-ipynb+json",
      content: null,
      created: date,
      last_modified: statSync(source).mtime.toISOString(),
      size: statSync(source).size,
      writable: true,
    });
  }
  for (const [folder, content] of folders) {
    const dir = join(out, "api", "contents", folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "all.json"),
      JSON.stringify({
        name: folder.split("/").at(-1) ?? "",
        path: folder,
        type: "directory",
        format: "json",
        mimetype: null,
        content,
        created: date,
        last_modified: date,
        size: null,
        writable: true,
      }),
    );
  }
}

/** The page's configuration, with URLs made absolute from where the page is (any host, any folder). */
function labPage(): string {
  const config = {
    appName: "Nabla",
    appVersion: "0.1.0",
    defaultKernelName: "nabla",
    federated_extensions: [],
    contentsAllJsonFile: "all.json",
    exposeAppInBrowser: "true",
    // The site's own storage names: a course's edits do not mix with another JupyterLite site's on the same host.
    contentsStorageName: "nabla-lite-contents",
    settingsStorageName: "nabla-lite-settings",
    workspacesStorageName: "nabla-lite-workspaces",
    mode: "multiple-document",
    notebookStartsKernel: true,
    exportNotebookMetadata: false,
    // Joined with baseUrl by JupyterLab itself.
    themesUrl: "./build/themes",
    licensesUrl: "./build/licenses",
  };
  const relativeUrls = {
    baseUrl: "../",
    appUrl: "./",
    settingsUrl: "../build/schemas/",
    fullStaticUrl: "../build/",
    fullLabextensionsUrl: "../extensions/",
    translationsApiUrl: "../api/translations/",
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Nabla — the course, in the browser</title>
    <link rel="icon" href="../nabla/logo-32x32.png" />
    <link rel="stylesheet" href="../build/app.css" />
    <link rel="stylesheet" href="../build/katex/katex.min.css" />
    <script id="jupyter-config-data" type="application/json">{}</script>
    <script>
      (function () {
        var here = new URL(".", window.location.href);
        var config = ${JSON.stringify(config)};
        var urls = ${JSON.stringify(relativeUrls)};
        for (var key in urls) config[key] = new URL(urls[key], here).href;
        config.appUrl = new URL("./", here).pathname;
        document.getElementById("jupyter-config-data").textContent = JSON.stringify(config);
      })();
    </script>
  </head>
  <body>
    <script type="module" src="../build/app.js"></script>
  </body>
</html>
`;
}

export interface SiteReport {
  bytes: number;
  files: number;
  notebooks: string[];
}

function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath ?? dir, entry.name);
    if (entry.isDirectory()) {
      const inner = sizeOf(path);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += statSync(path).size;
      files++;
    }
  }
  return { bytes, files };
}

/** lite/node_modules as lite/package-lock.json pins it: installed with `npm ci` when missing or older than the lock. */
function installLiteModules(): void {
  const installed = join(MODULES, ".package-lock.json");
  const lock = join(LITE, "package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log("installing the JupyterLite packages into lite/node_modules (npm ci)…");
  const run = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: LITE, stdio: "inherit" });
  if (run.status !== 0) throw new Error("npm ci in lite/ failed");
}

export async function buildSite(out = join(ROOT, "out", "site")): Promise<SiteReport> {
  installLiteModules();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await Promise.all([bundleWorker(out), bundleApp(out)]);
  mkdirSync(join(out, "build", "schemas"), { recursive: true });
  writeFileSync(join(out, "build", "schemas", "all.json"), JSON.stringify(schemas()));
  writeFileSync(join(out, "build", "schemas", "all_federated.json"), "[]");
  // English only: the translator asks for the list of languages and English's (empty) catalogue.
  mkdirSync(join(out, "api", "translations"), { recursive: true });
  writeFileSync(
    join(out, "api", "translations", "all.json"),
    JSON.stringify({ data: { en: { displayName: "English", nativeName: "English" } }, message: "" }),
  );
  writeFileSync(join(out, "api", "translations", "en.json"), JSON.stringify({ data: {}, message: "" }));
  cpSync(join(ROOT, "node_modules", "katex", "dist", "katex.min.css"), join(out, "build", "katex", "katex.min.css"));
  cpSync(join(ROOT, "node_modules", "katex", "dist", "fonts"), join(out, "build", "katex", "fonts"), {
    recursive: true,
    filter: (f) => !/\.(ttf|woff)$/.test(f),
  });
  for (const logo of ["logo-32x32.png", "logo-64x64.png"]) cpSync(join(ROOT, "kernel", logo), join(out, "nabla", logo));
  const notebooks = siteNotebooks();
  fileTree(out, notebooks);
  mkdirSync(join(out, "lab"), { recursive: true });
  writeFileSync(join(out, "lab", "index.html"), labPage());
  writeFileSync(
    join(out, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>Nabla</title><meta http-equiv="refresh" content="0; url=lab/index.html"><a href="lab/index.html">Open the course</a>\n`,
  );
  return { ...sizeOf(out), notebooks };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const report = await buildSite(process.argv[2]);
  const where = relative(process.cwd(), process.argv[2] ?? join(ROOT, "out", "site")) || ".";
  console.log(
    `${where}: ${report.files} files, ${(report.bytes / 1e6).toFixed(1)} MB, ${report.notebooks.length} notebooks, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
