#!/usr/bin/env node
// Validates the HTTP traffic recorded by azscsp-emulator (--record DIR, or AZSCSP_EMULATOR_RECORD_DIR
// during the test suites) against the official OpenAPI specs with Azure's own validator,
// `oav validate-traffic`, and fails on any error that spec-exceptions.json does not document.
//
//   node tests/conformance/validate-traffic.mjs --traffic build/traffic [--specs DIR]
//        [--exceptions FILE] [--work DIR] [--require-coverage]
//
// Why the staging step: oav skips every spec under a folder named "azurestack" (its default exclude
// list) and resolves common-types through the upstream folder depth, so the vendored specs are
// copied into an upstream-shaped tree first. Exchanges on APIs whose spec is not part of the
// vendored set (resource groups, locks, role assignments, metadata) and deliberate negative probes
// (no or unknown api-version) are counted and skipped, not validated.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = {
    specs: path.join(here, "specs"),
    exceptions: path.join(here, "spec-exceptions.json"),
    oav: path.join(here, "oav", "node_modules", "oav", "dist", "cli.js"),
    requireCoverage: false,
  };
  for (let i = 2; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === "--traffic") args.traffic = value();
    else if (flag === "--specs") args.specs = value();
    else if (flag === "--exceptions") args.exceptions = value();
    else if (flag === "--work") args.work = value();
    else if (flag === "--oav") args.oav = value();
    else if (flag === "--require-coverage") args.requireCoverage = true;
    else if (flag === "--source") args.source = value();
    else throw new Error(`unknown argument '${flag}'`);
  }
  if (!args.traffic) throw new Error("--traffic DIR is required");
  args.work ??= path.join(path.dirname(path.resolve(args.traffic)), "conformance");
  return args;
}

// Vendored spec folder -> upstream-shaped folder under <stage>/specification (six levels deep, as
// the specs' "../../../../../../common-types" references expect).
const specLayout = [
  { from: "azurestack", namespace: "Microsoft.AzureStack", to: "hub/resource-manager/Microsoft.AzureStack/stable" },
  { from: "azsadmin/subscriptions-admin", namespace: "Microsoft.Subscriptions.Admin", to: "hubadmin/resource-manager/Microsoft.Subscriptions.Admin/preview" },
  { from: "azsadmin/commerce-admin", namespace: "Microsoft.Commerce.Admin", to: "hubcommerce/resource-manager/Microsoft.Commerce.Admin/preview" },
  { from: "commerce", namespace: "Microsoft.Commerce", to: "commerce/resource-manager/Microsoft.Commerce/preview" },
];

// Operations AzsCsp calls: with --require-coverage, the run fails when the recorded traffic has not
// exercised them (a recording that silently stopped would otherwise pass).
const requiredOperations = {
  "Microsoft.AzureStack/2017-06-01": [
    "Registrations_Get", "Registrations_List", "Registrations_ListBySubscription",
    "Registrations_CreateOrUpdate", "Registrations_Delete", "Registrations_GetActivationKey",
    "CustomerSubscriptions_Get", "CustomerSubscriptions_List", "CustomerSubscriptions_Create",
    "CustomerSubscriptions_Delete",
  ],
};

function stageSpecs(specsRoot, stage) {
  const versions = {}; // lower-case namespace -> Set of api-versions
  for (const entry of specLayout) {
    const source = path.join(specsRoot, entry.from);
    if (!fs.existsSync(source)) continue;
    for (const version of fs.readdirSync(source)) {
      if (!/^\d{4}-\d{2}-\d{2}/.test(version)) continue; // skips "historical", recordings
      const target = path.join(stage, "specification", entry.to, version);
      fs.mkdirSync(target, { recursive: true });
      for (const file of fs.readdirSync(path.join(source, version))) {
        if (file === "historical") continue;
        fs.cpSync(path.join(source, version, file), path.join(target, file), { recursive: true });
      }
      const key = entry.namespace.toLowerCase();
      (versions[key] ??= new Set()).add(version);
    }
  }
  const common = path.join(stage, "common-types", "resource-management");
  fs.mkdirSync(common, { recursive: true });
  fs.cpSync(path.join(specsRoot, "common-types", "resource-management", "v2"), path.join(common, "v2"), { recursive: true });
  // Only v2 is vendored; commerce.json refers to v3 for ApiVersionParameter and
  // SubscriptionIdParameter, which v2 defines identically (spec-exceptions.json, "staging").
  if (!fs.existsSync(path.join(specsRoot, "common-types", "resource-management", "v3"))) {
    fs.cpSync(path.join(common, "v2"), path.join(common, "v3"), { recursive: true });
  }
  return versions;
}

// Which namespace's spec governs an exchange: the last /providers/{namespace} of the path, except
// the Microsoft.Resources calls that name a namespace (GET .../providers/X, POST .../providers/X/register).
function classify(exchange, versions, aliases) {
  const url = new URL(exchange.liveRequest.url);
  const segments = url.pathname.split("/").filter(Boolean);
  let at = -1;
  for (let i = 0; i < segments.length - 1; i++) {
    if (segments[i].toLowerCase() === "providers") at = i;
  }
  if (at < 0) return { skip: "no resource provider in the path (resource groups, subscriptions, metadata)" };
  const namespace = segments[at + 1].toLowerCase();
  const rest = segments.slice(at + 2);
  if (at === 2 && (rest.length === 0 || (rest.length === 1 && rest[0].toLowerCase() === "register"))) {
    return { skip: "Microsoft.Resources provider registration (spec not vendored)" };
  }
  if (!versions[namespace]) return { skip: `${segments[at + 1]} (spec not vendored)` };
  let apiVersion = url.searchParams.get("api-version");
  if (!apiVersion) return { skip: "no api-version (negative test)" };
  const alias = aliases.find((a) => a.namespace.toLowerCase() === namespace && a.from === apiVersion &&
    url.pathname.toLowerCase().includes(a.pathContains.toLowerCase()));
  if (alias) {
    // A version the docs and tools send but no vendored spec file declares (spec-exceptions.json
    // apiVersionAliases, with the reason): validated against the file that describes it.
    url.searchParams.set("api-version", alias.to);
    exchange.liveRequest.url = url.toString();
    apiVersion = alias.to;
  }
  if (!versions[namespace].has(apiVersion)) return { skip: "api-version the vendored specs do not define (negative test)" };
  return { namespace, apiVersion, rewritten: Boolean(alias) };
}

// Exchanges the service accepted (status < 400) and ones it rejected go to separate folders: a
// rejected request may break the request schema on purpose (a negative test); only its error
// response is held to the spec.
function collectTraffic(trafficDir, versions, target, aliases) {
  const skipped = new Map();
  let kept = 0;
  let rejected = 0;
  let unreadable = 0;
  const seen = new Set();
  for (const folder of ["accepted", "rejected"]) fs.mkdirSync(path.join(target, folder), { recursive: true });
  for (const file of fs.readdirSync(trafficDir).sort()) {
    if (!file.endsWith(".json")) continue;
    const text = fs.readFileSync(path.join(trafficDir, file), "utf8");
    let exchange;
    try {
      exchange = JSON.parse(text);
    } catch {
      unreadable++;
      continue;
    }
    if (!exchange.liveRequest || !exchange.liveResponse) {
      unreadable++;
      continue;
    }
    const verdict = classify(exchange, versions, aliases);
    if (verdict.skip) {
      skipped.set(verdict.skip, (skipped.get(verdict.skip) ?? 0) + 1);
      continue;
    }
    // Identical exchanges (bulk tests repeat them) validate identically: keep one.
    const digest = createHash("sha256").update(JSON.stringify([exchange.liveRequest.method,
      new URL(exchange.liveRequest.url).pathname.replace(/[0-9a-f-]{36}/gi, "{id}"),
      exchange.liveRequest.body, exchange.liveResponse.statusCode,
      JSON.stringify(exchange.liveResponse.body)?.replace(/[0-9a-f-]{36}/gi, "{id}")])).digest("hex");
    if (seen.has(digest)) {
      skipped.set("duplicate of an exchange already validated", (skipped.get("duplicate of an exchange already validated") ?? 0) + 1);
      continue;
    }
    seen.add(digest);
    const isRejected = Number(exchange.liveResponse.statusCode) >= 400;
    fs.writeFileSync(path.join(target, isRejected ? "rejected" : "accepted", file),
      verdict.rewritten ? JSON.stringify(exchange) : text);
    kept++;
    if (isRejected) rejected++;
  }
  return { kept, rejected, skipped, unreadable };
}

function runOav(oavCli, trafficDir, stage, reportPath) {
  fs.rmSync(reportPath, { force: true });
  const result = spawnSync(process.execPath, [oavCli, "validate-traffic", trafficDir, stage,
    "--jsonReport", reportPath, "--logLevel", "error",
    "--report", path.join(path.dirname(reportPath), "oav-report.html")],
  { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  // oav 4.0.3 exits 1 even on success: its package lacks the HTML report template
  // (templates/baseLayout.mustache). The JSON report is written before that, so it is the verdict.
  if (!fs.existsSync(reportPath)) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`oav wrote no JSON report (exit ${result.status})`);
  }
  const undefinedOperations = (result.stdout + result.stderr).split("\n")
    .filter((line) => line.startsWith("Error: Undefined operation"));
  return { report: JSON.parse(fs.readFileSync(reportPath, "utf8")), undefinedOperations };
}

function matchesException(error, rule) {
  if (rule.staging || !rule.errorCode) return false; // a rule must at least name the finding
  if (rule.operationId && rule.operationId !== error.operationId) return false;
  if (rule.errorCode && rule.errorCode !== error.errorCode) return false;
  if (rule.message && !String(error.errorMessage).includes(rule.message)) return false;
  if (rule.spec && !String(error.spec).includes(rule.spec)) return false;
  return true;
}

function specKey(specFile) {
  const match = /resource-manager\/([^/]+)\/(?:stable|preview)\/([^/]+)\//.exec(specFile);
  return match ? `${match[1]}/${match[2]}` : specFile;
}

// The vendored copy must stay identical to the workplace's reference specs when those are present.
function compareWithSource(vendored, source) {
  if (!source || !fs.existsSync(source)) return 0;
  const list = (root) => fs.readdirSync(root, { recursive: true })
    .filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
  const a = list(vendored);
  const b = list(source);
  const differences = [...new Set([...a, ...b])].filter((f) => !a.includes(f) || !b.includes(f) ||
    !fs.readFileSync(path.join(vendored, f)).equals(fs.readFileSync(path.join(source, f))));
  for (const f of differences) console.log(`ERROR vendored spec differs from ${source}: ${f}`);
  if (differences.length === 0) console.log(`specs: the vendored copy matches ${source} (${a.length} files)`);
  return differences.length;
}

function main() {
  const args = parseArgs(process.argv);
  if (!fs.existsSync(args.oav)) {
    throw new Error(`oav not found at ${args.oav}: run 'npm ci --prefix tests/conformance/oav' (build-scripts/setup does)`);
  }
  if (!fs.existsSync(args.traffic)) throw new Error(`no traffic directory '${args.traffic}'`);
  fs.rmSync(args.work, { recursive: true, force: true });
  const stage = path.join(args.work, "specs");
  const versions = stageSpecs(args.specs, stage);
  const rules = JSON.parse(fs.readFileSync(args.exceptions, "utf8"));
  const exceptions = rules.exceptions;
  const traffic = collectTraffic(args.traffic, versions, path.join(args.work, "traffic"), rules.apiVersionAliases ?? []);

  const skippedTotal = [...traffic.skipped.values()].reduce((a, b) => a + b, 0);
  console.log(`traffic: ${traffic.kept} exchanges to validate (${traffic.rejected} rejected by the service: response checked only), ${skippedTotal} skipped, ${traffic.unreadable} unreadable`);
  for (const [reason, count] of traffic.skipped) console.log(`  skipped ${count}: ${reason}`);

  let failures = traffic.unreadable + compareWithSource(args.specs, args.source);
  const findings = [];
  const covered = new Set(); // "Namespace/version:operationId" with any validated traffic
  let undefinedOperations = [];
  for (const folder of ["accepted", "rejected"]) {
    const dir = path.join(args.work, "traffic", folder);
    if (fs.readdirSync(dir).length === 0) continue;
    const run = runOav(args.oav, dir, stage, path.join(args.work, `oav-report-${folder}.json`));
    // A rejected request that matches no operation is a negative probe (e.g. customerSubscriptions
    // with api-version 2016-01-01, which has none); an accepted one is a real gap.
    if (folder === "accepted") undefinedOperations = undefinedOperations.concat(run.undefinedOperations);
    for (const entry of run.report.passedOperationsList ?? []) {
      for (const id of entry.operationIds ?? []) covered.add(`${specKey(entry.spec)}:${id}`);
    }
    for (const error of run.report.errors ?? []) {
      covered.add(`${specKey(error.spec)}:${error.operationId}`);
      if (folder === "rejected" && error.issueSource === "request") continue;
      findings.push(error);
    }
  }

  const used = new Set();
  let documented = 0;
  for (const error of findings) {
    const rule = exceptions.find((r) => matchesException(error, r));
    if (rule) {
      used.add(rule);
      rule.matched = (rule.matched ?? 0) + 1;
      documented++;
      continue;
    }
    failures++;
    console.log(`ERROR ${error.operationId} [${specKey(error.spec)}] ${error.issueSource}: ${error.errorCode}: ${error.errorMessage} (${error.schemaPathWithPosition ?? ""})`);
  }
  for (const line of undefinedOperations) {
    failures++;
    console.log(`ERROR traffic matches no operation of the specs: ${line}`);
  }
  for (const rule of exceptions) {
    if (rule.matched) console.log(`documented ${rule.matched}: ${rule.operationId ?? rule.spec ?? ""} ${rule.errorCode}${rule.message ? ` (message contains ${JSON.stringify(rule.message)})` : ""}`);
    if (!used.has(rule) && !rule.staging) console.log(`note: exception not needed by this traffic: ${rule.operationId ?? ""} ${rule.errorCode ?? ""} (${rule.reason})`);
  }

  for (const [key, operations] of Object.entries(requiredOperations)) {
    for (const operation of operations) {
      if (covered.has(`${key}:${operation}`)) continue;
      console.log(`${args.requireCoverage ? "ERROR" : "note"}: no recorded traffic for ${operation} (${key})`);
      if (args.requireCoverage) failures++;
    }
  }

  console.log(`oav validate-traffic: ${traffic.kept} exchanges, ${covered.size} operations covered, ` +
    `${findings.length} findings (${documented} documented spec exceptions), ${failures} failures`);
  process.exitCode = failures === 0 ? 0 : 1;
}

try {
  main();
} catch (error) {
  console.error(`validate-traffic: ${error.message}`);
  process.exitCode = 2;
}
