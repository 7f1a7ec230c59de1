/**
 * Tokenizers: Hugging Face {@code tokenizer.json} files run through DJL's native tokenizers library
 * ({@link org.c2lab.train.tokenizer.TextTokenizer}), and the conversion of a SentencePiece BPE
 * vocabulary into such a file ({@link org.c2lab.train.tokenizer.SentencePieceBpe}).
 */
package org.c2lab.train.tokenizer;
