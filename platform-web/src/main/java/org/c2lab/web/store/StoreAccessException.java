package org.c2lab.web.store;

import java.sql.SQLException;

/** The database failed under a {@link JdbcRunStore} call (connection lost, disk full, ...). */
public class StoreAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreAccessException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
  }
}
