"""Find the places news texts mention, resolve them offline, and map them."""
