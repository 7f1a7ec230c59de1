/**
 * Where a result came from: the {@link org.c2lab.core.provenance.Provenance} record written beside
 * every artifact, content hashing ({@link org.c2lab.core.provenance.Sha256}) and git commit
 * discovery ({@link org.c2lab.core.provenance.GitCommit}).
 */
package org.c2lab.core.provenance;
