package engine

import (
	"net/url"
	"regexp"
	"strings"
)

// Mask replaces a password in every redacted string.
const Mask = "xxxxx"

var (
	// user:password@ in any URL-ish text (scheme://user:pass@host).
	urlCredRe = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*):([^@\s]*)@`)
	// user:password@ without a scheme (the MySQL driver's DSN form,
	// user:pass@tcp(host)/db), at the start of the text or of a word.
	bareCredRe = regexp.MustCompile(`(^|[\s"'=(])([^\s:/@"'=(]+):([^@\s"'/][^@\s"']*)?@`)
	// password=... in a libpq key/value string or a URL query, quoted or not.
	kvPassRe = regexp.MustCompile(`(?i)\b(password|passwd|pass|pwd|sslpassword)\s*=\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s&;]*)`)
)

// Redact removes passwords from a DSN or from any text that embeds one:
// URL userinfo (postgres://u:secret@h), password= query parameters and libpq
// key/value pairs. The rest of the text is kept so messages stay useful.
func Redact(s string) string {
	s = urlCredRe.ReplaceAllString(s, "${1}:"+Mask+"@")
	s = bareCredRe.ReplaceAllString(s, "${1}${2}:"+Mask+"@")
	s = kvPassRe.ReplaceAllString(s, "${1}="+Mask)
	return s
}

// Scrub redacts s and also replaces every literal occurrence of the given
// secrets (and their URL-escaped forms), for driver messages that might echo
// a password outside any recognisable syntax.
func Scrub(s string, secrets ...string) string {
	s = Redact(s)
	for _, sec := range secrets {
		if sec == "" {
			continue
		}
		for _, form := range []string{sec, url.QueryEscape(sec), url.PathEscape(sec)} {
			if form != "" {
				s = strings.ReplaceAll(s, form, Mask)
			}
		}
	}
	return s
}

// Password returns the password a DSN carries (URL userinfo or a password
// query parameter), or "".
func Password(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || !strings.Contains(dsn, "://") {
		// Not a URL: try the key/value form.
		if m := kvPassRe.FindStringSubmatch(dsn); m != nil {
			return strings.Trim(m[2], `'"`)
		}
		return ""
	}
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			return p
		}
	}
	if p := u.Query().Get("password"); p != "" {
		return p
	}
	return ""
}
