package engine

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Mask replaces a password in every redacted string.
const Mask = "xxxxx"

// A password may hold any character, '@', '/', '?', '&' and spaces
// included, and the drivers disagree on where an unescaped one ends (libpq
// and pgx stop at the first '@', Go's net/url at the last). So connlint
// masks generously: in a DSN, everything from the ':' after the user name
// to the last '@', and every password parameter up to the next parameter.
// A user name or an '@' in a database name may be masked with it; a piece
// of a password never shows.

// RedactDSN masks the password of one DSN, whatever its form: URL userinfo
// (scheme://user:pass@host), password query parameters, libpq key=value
// strings and the MySQL driver's user:pass@tcp(host)/db.
func RedactDSN(dsn string) string {
	s := maskParams(dsn, false)
	start := 0
	if i := strings.Index(s, "://"); i >= 0 {
		start = i + 3
	}
	from, to, ok := userinfoPassword(s[start:])
	if !ok {
		return s
	}
	return s[:start+from] + Mask + s[start+to:]
}

// userinfoPassword finds the password of "user:pass@rest": from the first
// ':' before the first '@' to the last '@'.
func userinfoPassword(s string) (from, to int, ok bool) {
	at := strings.IndexByte(s, '@')
	if at < 0 {
		return 0, 0, false
	}
	colon := strings.IndexByte(s[:at], ':')
	if colon < 0 {
		return 0, 0, false
	}
	return colon + 1, strings.LastIndexByte(s, '@'), true
}

// passwordKeys are the parameter names that carry a password.
var passwordKeys = map[string]bool{"password": true, "passwd": true, "pass": true, "pwd": true, "sslpassword": true}

var paramKeyRe = regexp.MustCompile(`(?i)(?:^|[?&;\s"'(])((?:ssl)?pass(?:word|wd)?|pwd)\s*=\s*`)

// maskParams masks the value of every password parameter. In a DSN a value
// runs to the next "&key=" or " key=" (or a closing quote); in free text
// (inText) an unquoted value also stops at white space.
func maskParams(s string, inText bool) string {
	var b strings.Builder
	for {
		loc := paramKeyRe.FindStringSubmatchIndex(s)
		if loc == nil || !passwordKeys[strings.ToLower(s[loc[2]:loc[3]])] {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:loc[1]])
		b.WriteString(Mask)
		s = s[loc[1]+valueLen(s[loc[1]:], inText):]
	}
}

// valueLen is the length of the parameter value at the start of s.
func valueLen(s string, inText bool) int {
	if s != "" && (s[0] == '\'' || s[0] == '"') {
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case s[0]:
				return i + 1
			}
		}
		return len(s)
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&' && nextIsKey(s[i+1:]):
			return i
		case c == ' ' || c == '\t' || c == '\n':
			if inText || nextIsKey(strings.TrimLeft(s[i:], " \t\n")) {
				return i
			}
		}
	}
	return len(s)
}

var keyRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*\s*=`)

func nextIsKey(s string) bool { return keyRe.MatchString(s) }

var (
	// scheme:// and the rest of its word: a DSN inside a message.
	urlWordRe = regexp.MustCompile(`[a-zA-Z][a-zA-Z0-9+.\-]*://\S*`)
	// user:password@ without a scheme (the MySQL driver's form), at the
	// start of the text or of a word; the password runs to the word's last
	// '@'.
	bareCredRe = regexp.MustCompile(`(^|[\s"'=(])([^\s:/@"'=(]+):(\S*)@`)
)

// Redact removes passwords from any text that may embed DSNs: URL userinfo,
// password parameters, libpq key/value pairs, user:pass@ words. The rest of
// the text is kept so messages stay useful.
func Redact(s string) string {
	s = maskParams(s, true)
	s = urlWordRe.ReplaceAllStringFunc(s, RedactDSN)
	return bareCredRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := bareCredRe.FindStringSubmatch(m)
		if sub[3] == Mask || strings.HasPrefix(sub[3], "//") { // done, or a URL
			return m
		}
		return sub[1] + sub[2] + ":" + Mask + "@"
	})
}

// minSecret is the shortest password candidate Scrub replaces literally:
// shorter ones would turn ordinary words of a message into the mask.
const minSecret = 3

// Scrub redacts s and also replaces every literal occurrence of the given
// secrets (and their URL-escaped forms), for driver messages that might echo
// a password outside any recognisable syntax.
func Scrub(s string, secrets ...string) string {
	s = Redact(s)
	var forms []string
	for _, sec := range secrets {
		forms = append(forms, sec, url.QueryEscape(sec), url.PathEscape(sec))
	}
	// Longest first, so a password is masked whole, not around a part of
	// it that is also a candidate.
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	for _, f := range forms {
		if len(f) >= minSecret {
			s = strings.ReplaceAll(s, f, Mask)
		}
	}
	return s
}

// Password returns the password a DSN carries (URL userinfo or a password
// parameter) as its driver reads it after NormalizeURL, or "".
func Password(dsn string) string {
	if !strings.Contains(dsn, "://") {
		if m := kvValueRe.FindStringSubmatch(dsn); m != nil {
			return unquote(m[1])
		}
		return ""
	}
	u, err := url.Parse(NormalizeURL(dsn))
	if err != nil {
		return ""
	}
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			return p
		}
	}
	return u.Query().Get("password")
}

var kvValueRe = regexp.MustCompile(`(?i)(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S*)`)

func unquote(v string) string {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		v = v[1 : len(v)-1]
		return strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(v)
	}
	return v
}

// Secrets returns every string of a DSN that is, or may be, its password
// under any driver's reading, raw and decoded: what Scrub must replace in a
// driver's message.
func Secrets(dsn string) []string {
	var out []string
	add := func(v string) {
		out = append(out, v)
		if d, err := url.PathUnescape(v); err == nil && d != v {
			out = append(out, d)
		}
		if d, err := url.QueryUnescape(v); err == nil && d != v {
			out = append(out, d)
		}
	}
	add(Password(dsn))
	start := 0
	if i := strings.Index(dsn, "://"); i >= 0 {
		start = i + 3
	}
	rest := dsn[start:]
	if from, to, ok := userinfoPassword(rest); ok {
		add(rest[from:to])                                         // up to the last '@'
		add(rest[from : from+strings.IndexByte(rest[from:], '@')]) // up to the first (libpq)
	}
	for _, loc := range paramKeyRe.FindAllStringSubmatchIndex(dsn, -1) {
		if passwordKeys[strings.ToLower(dsn[loc[2]:loc[3]])] {
			v := dsn[loc[1]:]
			add(unquote(v[:valueLen(v, false)]))
			if i := strings.IndexAny(v, "& \t"); i >= 0 {
				add(v[:i])
			}
		}
	}
	var keep []string
	seen := map[string]bool{}
	for _, v := range out {
		for _, p := range pieces(v) {
			if !seen[p] && (p == v && len(p) >= minSecret || len(p) >= minPiece) {
				seen[p] = true
				keep = append(keep, p)
			}
		}
	}
	return keep
}

// minPiece is the shortest piece of a password Scrub replaces.
const minPiece = 4

// pieces returns p and every part of it between two of the characters at
// which some driver stops reading a password ('@', '/', '?', '#', '&',
// white space): a driver that misreads an unescaped password quotes such
// a part as a host, a path or a parameter.
func pieces(p string) []string {
	starts, ends := []int{0}, []int{len(p)}
	for i := 0; i < len(p); i++ {
		if strings.IndexByte("@/?#& \t", p[i]) >= 0 {
			starts, ends = append(starts, i+1), append(ends, i)
		}
	}
	var out []string
	for _, a := range starts {
		for _, b := range ends {
			if a < b {
				out = append(out, p[a:b])
			}
		}
	}
	return out
}

// NormalizeURL makes the userinfo of a URL DSN unambiguous for every
// driver: the userinfo runs to the last '@' before the host (Go's reading,
// not libpq's first '@'), and the characters that would end it early or
// fail to parse ('@', '?', '#', white space, a '%' that starts no escape)
// are percent-encoded. postgres://app:Pa@ss@db/x then means password
// "Pa@ss" on host db for pgx as it already did for the MySQL and Redis
// drivers. Other DSNs are returned as they are.
func NormalizeURL(dsn string) string {
	i := strings.Index(dsn, "://")
	if i < 0 {
		return dsn
	}
	rest := dsn[i+3:]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		slash = len(rest)
	}
	first := strings.IndexByte(rest[:slash], '@')
	if first < 0 {
		return dsn
	}
	end := slash
	if q := strings.IndexAny(rest[first:slash], "?#"); q >= 0 {
		end = first + q
	}
	last := strings.LastIndexByte(rest[:end], '@')
	var b strings.Builder
	b.WriteString(dsn[:i+3])
	info := rest[:last]
	for j := 0; j < len(info); j++ {
		c := info[j]
		switch {
		case c == '@' || c == '?' || c == '#' || c == ' ' || c == '\t':
			fmt.Fprintf(&b, "%%%02X", c)
		case c == '%' && !(j+2 < len(info) && ishex(info[j+1]) && ishex(info[j+2])):
			b.WriteString("%25")
		default:
			b.WriteByte(c)
		}
	}
	b.WriteString(rest[last:])
	return b.String()
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
