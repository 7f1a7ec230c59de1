/**
 * How the lab server's services refuse a request ({@link org.c2lab.web.problem.Problem}),
 * independent of the REST layer and the dashboard that show it.
 */
package org.c2lab.web.problem;
