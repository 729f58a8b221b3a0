package org.atstexting.fake.textus.internal;

import org.atstexting.fake.support.FakeHandler;
import org.atstexting.fake.support.FakeServlet;
import org.atstexting.fake.textus.StandaloneTextusFake;
import org.atstexting.fake.textus.TextusFakeEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

/** Serves the fake on the Http Whiteboard (2.0, jakarta) under {@code /textus-fake/*}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(StandaloneTextusFake.BASE_PATH + "*")
@HttpWhiteboardServletName("textus-fake")
public class TextusFakeServlet extends FakeServlet {

    private static final long serialVersionUID = 1L;

    private final transient TextusFakeEngine engine;

    @Activate
    public TextusFakeServlet(@Reference TextusFakeEngine engine) {
        this.engine = engine;
    }

    @Override
    protected FakeHandler handler() {
        return engine;
    }
}
