// Starts `argmap lsp` for YAML files and adds one command, the live preview of a map.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration("argmap")
    .get("command", ["argmap", "lsp"]);
  client = new LanguageClient(
    "argmap",
    "argmap",
    { command, args },
    // Every YAML file: the server checks the maps (a top-level `argmap:` key) and leaves
    // other YAML files alone.
    { documentSelector: [{ scheme: "file", language: "yaml" }] },
  );
  context.subscriptions.push(
    vscode.commands.registerCommand("argmap.openPreview", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        return;
      }
      await editor.document.save();
      // The server starts `argmap serve` for the map, asks the editor to open the page
      // and returns its address.
      const url = await client.sendRequest("workspace/executeCommand", {
        command: "argmap.preview",
        arguments: [editor.document.uri.toString()],
      });
      if (typeof url === "string") {
        vscode.window.setStatusBarMessage(`argmap preview: ${url}`, 10000);
      }
    }),
  );
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
