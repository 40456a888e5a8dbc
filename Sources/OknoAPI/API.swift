// Endpoints land here.
