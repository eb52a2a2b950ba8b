// Included as Helper.h: the file is helper.h.
