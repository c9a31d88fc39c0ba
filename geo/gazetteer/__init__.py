"""The gazetteer: the places and their names, the sources they are built from, and geocoders over them."""
