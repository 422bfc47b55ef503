module github.com/connlint/connlint

go 1.26.0
