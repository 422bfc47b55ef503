module example.com/shop/backend

go 1.26.0
