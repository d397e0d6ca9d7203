/** Tests of how an application with the starter shuts down. */
package com.acme.shutdown;
