package jsts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// The entrypoints a project declares: files its package.json runs (a
// `scripts` command, `bin`, the Prisma seed) and the seed command of
// prisma.config.ts. Each runs once as its own process.

// pkgEntryJSON is the part of package.json that names entrypoints.
type pkgEntryJSON struct {
	Scripts map[string]string `json:"scripts"`
	Bin     json.RawMessage   `json:"bin"`
	Prisma  struct {
		Seed string `json:"seed"`
	} `json:"prisma"`
}

// declaredEntries reads one package.json and returns the files it runs,
// each with the reason (for messages and tests).
func declaredEntries(fs *fsCache, pkgJSON string) map[string]string {
	data, err := os.ReadFile(pkgJSON)
	if err != nil {
		return nil
	}
	var pj pkgEntryJSON
	if json.Unmarshal(data, &pj) != nil {
		return nil
	}
	dir := filepath.Dir(pkgJSON)
	out := map[string]string{}
	add := func(files []string, why string) {
		for _, f := range files {
			if _, dup := out[f]; !dup {
				out[f] = why
			}
		}
	}
	for name, cmd := range pj.Scripts {
		add(commandFiles(fs, dir, cmd, pj.Scripts, 0), `package.json script "`+name+`"`)
	}
	if pj.Prisma.Seed != "" {
		add(commandFiles(fs, dir, pj.Prisma.Seed, pj.Scripts, 0), "the Prisma seed (package.json prisma.seed)")
	}
	for _, b := range binPaths(pj.Bin) {
		if p, ok := fs.resolveFile(filepath.Join(dir, b)); ok {
			add([]string{p}, "package.json bin")
		}
	}
	return out
}

func binPaths(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many map[string]string
	if json.Unmarshal(raw, &many) != nil {
		return nil
	}
	var out []string
	for _, v := range many {
		out = append(out, v)
	}
	return out
}

// commandFiles returns the source files a shell command line runs with a
// JavaScript runtime: each `&&`/`||`/`;`/`|` part, behind environment
// wrappers (`X=1`, cross-env, dotenv, env-cmd, npx), through `npm run`
// style indirections to the package's other scripts.
func commandFiles(fs *fsCache, dir, cmd string, scripts map[string]string, depth int) []string {
	if depth > 4 {
		return nil
	}
	var out []string
	for _, part := range splitCommands(cmd) {
		args := stripWrappers(shellWords(part))
		if len(args) == 0 {
			continue
		}
		if name, ok := runScriptName(args, scripts); ok {
			out = append(out, commandFiles(fs, dir, scripts[name], scripts, depth+1)...)
			continue
		}
		if f := runtimeFile(fs, dir, args); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// splitCommands cuts a command line at &&, ||, ; and | outside quotes.
func splitCommands(cmd string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	for i := 0; i < len(cmd); i++ {
		c := cmd[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote = c
			cur.WriteByte(c)
		case c == ';' || c == '|' || c == '&':
			out = append(out, cur.String())
			cur.Reset()
			if i+1 < len(cmd) && (cmd[i+1] == c) {
				i++
			}
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}

// shellWords splits a command into words, removing quotes.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t' || c == '\n':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// wrapperArgs are the options of the environment wrappers that take a
// value as the next word.
var wrapperArgs = map[string]map[string]bool{
	"dotenv":  {"-e": true, "-v": true, "-c": false},
	"env-cmd": {"-f": true, "--file": true, "-e": true, "--environments": true, "-r": true, "--rc-file": true},
	"npx":     {"-p": true, "--package": true},
	"bunx":    {"-p": true, "--package": true},
}

// stripWrappers drops what runs before the command proper: VAR=value
// assignments and cross-env, dotenv, env-cmd, env, npx, pnpm exec.
func stripWrappers(args []string) []string {
	for guard := 0; guard < 8 && len(args) > 0; guard++ {
		for len(args) > 0 && isAssignment(args[0]) {
			args = args[1:]
		}
		if len(args) == 0 {
			return nil
		}
		w := filepath.Base(args[0])
		switch w {
		case "cross-env", "cross-env-shell", "env":
			args = args[1:]
			continue
		case "dotenv", "dotenv-cli", "dotenvx":
			args = skipOptions(args[1:], wrapperArgs["dotenv"])
			if w == "dotenvx" && len(args) > 0 && args[0] == "run" {
				args = skipOptions(args[1:], map[string]bool{"-f": true, "--env-file": true})
			}
			continue
		case "env-cmd":
			args = skipOptions(args[1:], wrapperArgs["env-cmd"])
			continue
		case "npx", "pnpx", "bunx":
			args = skipOptions(args[1:], wrapperArgs["npx"])
			continue
		case "pnpm", "yarn", "npm":
			if len(args) > 1 && args[1] == "exec" {
				args = skipOptions(args[2:], nil)
				continue
			}
		}
		return args
	}
	return args
}

func isAssignment(w string) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 || strings.HasPrefix(w, "-") {
		return false
	}
	for _, c := range w[:eq] {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// skipOptions drops leading options (and the values of those in
// withValue), and a `--` that ends them.
func skipOptions(args []string, withValue map[string]bool) []string {
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			return args[1:]
		}
		if !strings.HasPrefix(a, "-") {
			return args
		}
		args = args[1:]
		if withValue[a] && !strings.Contains(a, "=") && len(args) > 0 {
			args = args[1:]
		}
	}
	return args
}

// runScriptName: `npm run X`, `pnpm X`, `yarn X`, `bun run X` naming
// another script of the same package.json.
func runScriptName(args []string, scripts map[string]string) (string, bool) {
	switch filepath.Base(args[0]) {
	case "npm", "pnpm", "yarn", "bun":
	default:
		return "", false
	}
	rest := args[1:]
	if len(rest) > 0 && (rest[0] == "run" || rest[0] == "run-script") {
		rest = rest[1:]
	} else if args[0] == "npm" && !(len(rest) > 0 && (rest[0] == "start" || rest[0] == "test")) {
		return "", false
	}
	for len(rest) > 0 && strings.HasPrefix(rest[0], "-") {
		if strings.HasPrefix(rest[0], "--filter") || rest[0] == "-w" || strings.HasPrefix(rest[0], "--workspace") || rest[0] == "-F" {
			return "", false // another package's script
		}
		rest = rest[1:]
	}
	if len(rest) == 0 {
		return "", false
	}
	if _, ok := scripts[rest[0]]; ok {
		return rest[0], true
	}
	return "", false
}

// runtimes run a file given as their first operand; the value maps the
// options that take the next word as their value.
var runtimes = map[string]map[string]bool{
	"node":        {"-r": true, "--require": true, "--import": true, "--loader": true, "--experimental-loader": true, "-C": true, "--conditions": true, "--env-file": true, "--title": true},
	"tsx":         {"--tsconfig": true, "--env-file": true, "--import": true, "--require": true, "-r": true, "--ignore": true, "--include": true},
	"ts-node":     {"-r": true, "--require": true, "-P": true, "--project": true, "-O": true, "--compiler-options": true, "-C": true, "--compiler": true, "--cwd": true, "-I": true, "--ignore": true},
	"ts-node-esm": {"-P": true, "--project": true, "-r": true, "--require": true},
	"ts-node-dev": {"-r": true, "--require": true, "-P": true, "--project": true, "--ignore-watch": true},
	"tsnd":        {"-r": true, "--require": true, "-P": true, "--project": true, "--ignore-watch": true},
	"bun":         {"-r": true, "--preload": true, "--env-file": true, "--cwd": true, "--tsconfig-override": true},
	"vite-node":   {"-r": true, "--root": true, "-c": true, "--config": true, "--options": true},
	"esno":        {"--tsconfig": true},
	"esr":         {},
	"jiti":        {},
	"babel-node":  {"--presets": true, "--plugins": true, "-x": true, "--extensions": true, "--config-file": true},
	"nodemon":     {"-w": true, "--watch": true, "-e": true, "--ext": true, "-x": true, "--exec": true, "-i": true, "--ignore": true, "--delay": true, "--signal": true},
	"deno":        {"--config": true, "-c": true, "--import-map": true, "--env-file": true},
}

// runtimeFile: the project file a runtime command runs, or "".
func runtimeFile(fs *fsCache, dir string, args []string) string {
	rt := filepath.Base(args[0])
	opts, ok := runtimes[rt]
	if !ok {
		return ""
	}
	rest := args[1:]
	for len(rest) > 0 {
		a := rest[0]
		switch {
		case a == "--":
			rest = rest[1:]
			continue
		case a == "-e" || a == "--eval" || a == "-p" || a == "--print":
			return "" // inline code
		case strings.HasPrefix(a, "-"):
			rest = rest[1:]
			if opts[a] && len(rest) > 0 {
				rest = rest[1:]
			}
			continue
		case a == "watch" && (rt == "tsx" || rt == "vite-node"), a == "run" && (rt == "bun" || rt == "deno"):
			rest = rest[1:]
			continue
		}
		break
	}
	if len(rest) == 0 {
		return ""
	}
	target := rest[0]
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir, target)
	}
	if _, ok := languageOf(target); !ok && filepath.Ext(target) != "" {
		return ""
	}
	if p, ok := fs.resolveFile(target); ok {
		return p
	}
	return ""
}
