package main

import (
	"log"
	"net/http"

	"example.com/shop/backend/internal/users"
)

func main() {
	http.HandleFunc("/users", users.List)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
