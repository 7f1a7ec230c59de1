package org.c2lab.web.account;

/**
 * What a signed-in user may do. Viewers read results with harmful text blurred; researchers also
 * launch and cancel runs, register models and datasets and reveal harmful text (each reveal is
 * audited); admins also manage accounts and delete other people's runs.
 */
public enum Role {
  ADMIN,
  RESEARCHER,
  VIEWER;

  /** Launch, cancel and delete one's own runs; register models and datasets. */
  public boolean canLaunch() {
    return this != VIEWER;
  }

  /** See harmful text (requests, prefixes, continuations) after a click, which is audited. */
  public boolean canReveal() {
    return this != VIEWER;
  }

  /** Manage accounts and tokens of others; delete anyone's runs. */
  public boolean canAdminister() {
    return this == ADMIN;
  }
}
