"""The FAQ entries (``faqs.jsonl``). The numbers in them are the shop's rules, stated exactly as the policy
pages in ``policies/`` state them: change both together."""

from __future__ import annotations

from .appmodels import FaqEntry
from .basics import SHOP_URL, slugify

FAQS: list[tuple[str, str, str]] = [
    # (category, question, answer)
    ("shipping", "How much does shipping cost?",
     "Standard shipping is $5.95 and free on orders of $50 or more. Express shipping is $12.95 on any "
     "order."),
    ("shipping", "How long does delivery take?",
     "Standard shipping takes 3-5 business days and express takes 1-2 business days, counted from the day "
     "your order ships. Orders placed by 2 pm Eastern on a business day ship the same day."),
    ("shipping", "Do you offer free shipping?",
     "Yes. Standard shipping is free on US orders of $50 or more, after discounts and before tax."),
    ("shipping", "What is the cut-off time for same-day dispatch?",
     "Orders placed by 2 pm Eastern Time on a business day leave our warehouse the same day. Later orders, "
     "and orders placed on weekends or holidays, ship the next business day."),
    ("shipping", "Which carriers do you use?",
     "Standard parcels go with UPS Ground or USPS Ground Advantage, and express parcels go with FedEx."),
    ("shipping", "Do you ship to PO boxes or military addresses?",
     "Yes, PO boxes and APO/FPO/DPO addresses get standard shipping through USPS. Express shipping is not "
     "available to them."),
    ("shipping", "Do you ship internationally?",
     "Yes, to Canada, the UK, the EU, Norway, Switzerland, Australia, New Zealand and Japan. International "
     "standard shipping takes 7-14 business days and costs $19.95, free on orders of $150 or more."),
    ("shipping", "Will I pay customs duties on an international order?",
     "For Canada, the UK, the EU and Australia, duties and taxes are collected at checkout, so nothing is "
     "due on delivery. For other countries, the carrier collects them on delivery."),
    ("shipping", "My tracking hasn't updated. What should I do?",
     "Tracking can take up to 24 hours to show the first scan. If it hasn't moved for 5 business days, "
     "contact us and we will open a claim with the carrier."),
    ("shipping", "My parcel says delivered but I can't find it.",
     "Check with neighbours and around your building first, then contact us within 7 days of the expected "
     "delivery date. We will open a claim with the carrier and send a replacement or refund if it is lost."),
    ("returns", "What is your return policy?",
     "You can return most items within 30 days of delivery for a refund. Items must be unused and in their "
     "original condition with tags attached."),
    ("returns", "How do I start a return?",
     "Start it from Orders in your account, or give our assistant your order number and the email or ZIP "
     "code on the order. We email you a prepaid UPS label."),
    ("returns", "Are returns free?",
     "Yes, returns within the US are free with our prepaid label. International customers pay their own "
     "return shipping."),
    ("returns", "When will I get my refund?",
     "We issue the refund within 5 business days of your return reaching our warehouse. Your bank may take "
     "another 3-5 business days to show it."),
    ("returns", "Is the original shipping charge refunded?",
     "Only if the item was faulty or we sent the wrong item. Otherwise we refund the item price."),
    ("returns", "Can I return skincare I have opened?",
     "No, opened skincare can't be returned for hygiene reasons unless it is faulty. Unopened skincare can "
     "be returned within 30 days."),
    ("returns", "Can I return headphones or earbuds?",
     "Yes, within 30 days of delivery, as long as they come back with all ear tips, cables and the charging "
     "case."),
    ("returns", "Do you extend returns over the holidays?",
     "Yes. Orders delivered between November 15 and December 31 can be returned until January 31 of the next "
     "year."),
    ("returns", "What if my item arrived damaged or wrong?",
     "Contact us within 7 days of delivery with a photo. We pay the return shipping and send a replacement "
     "or a full refund, including the original shipping charge."),
    ("returns", "Can I return a gift card?", "No, gift cards and items marked final sale can't be returned."),
    ("exchanges", "Can I exchange for a different size or colour?",
     "Yes, within 30 days of delivery you can swap for another size or colour of the same product. Exchanges "
     "within the US are free."),
    ("exchanges", "How long does an exchange take?",
     "We ship the replacement as soon as the carrier scans your return, by standard shipping, so it usually "
     "arrives 3-5 business days later."),
    ("exchanges", "What if the new size costs more?",
     "We charge the difference to your original payment method; if it costs less, we refund the difference "
     "within 5 business days."),
    ("exchanges", "Can I exchange an item more than once?",
     "Each item can be exchanged once. After that, return it for a refund and place a new order."),
    ("exchanges", "The size I want is sold out. Can I still exchange?",
     "If the size or colour is out of stock we refund the original item instead once it arrives. We can also "
     "email you when it is back in stock."),
    ("exchanges", "Can I exchange for a different product?",
     "A swap for a different product is handled as a return plus a new order, so place the new order "
     "whenever you like."),
    ("payment", "Which payment methods do you accept?",
     "Visa, Mastercard, American Express, Discover, PayPal, Apple Pay, Google Pay and Demo Shop gift cards."),
    ("payment", "When is my card charged?",
     "We place an authorization hold when you order and take the payment when your order ships."),
    ("payment", "Can I pay in installments?",
     "Yes, orders from $100 to $1,500 can be split into four interest-free payments every two weeks at "
     "checkout."),
    ("payment", "Can I use more than one promo code?",
     "No, one promo code per order, and codes can't be combined with other offers or a price match."),
    ("payment", "Do you charge sales tax?",
     "We charge sales tax where we are required to, based on your shipping address, and show it at checkout "
     "before you pay."),
    ("payment", "Do you price match?",
     "Yes. We match an identical new, in-stock item from a US retailer, and if our own price drops within 14 "
     "days of your purchase we refund the difference."),
    ("payment", "Why is there a pending charge after I cancelled?",
     "That is the authorization hold. It is released within 3-5 business days, depending on your bank."),
    ("payment", "What currency are your prices in?",
     "All prices are in US dollars. For international orders your card issuer converts the amount."),
    ("accounts", "Do I need an account to order?",
     "No, you can check out as a guest. An account lets you track orders, start returns and save addresses."),
    ("accounts", "How do I reset my password?",
     "Click Forgot password on the sign-in page and we email you a reset link that is valid for 60 minutes."),
    ("accounts", "How do I look up an order without an account?",
     "Give our assistant or the order lookup page your order number, which starts with A, plus the email "
     "address or ZIP code used on the order."),
    ("accounts", "How do I change the email address on my account?",
     "Sign in, open Account settings and edit your email. We send a confirmation link to the new address."),
    ("accounts", "How do I delete my account?",
     "Write to privacy@demo-shop.example and we delete your account and data within 30 days. Order records "
     "required for tax are kept for 7 years."),
    ("accounts", "Can I save more than one shipping address?",
     "Yes, your account can store several addresses, and you pick one at checkout."),
    ("orders", "What do the order statuses mean?",
     "Pending means we have your order and can still change it. Processed means it is packed and waiting for "
     "the carrier, shipped means it is on its way with tracking, and delivered means the carrier has dropped "
     "it off."),
    ("orders", "Can I cancel my order?",
     "Yes, while its status is still pending, before we start packing it. Once it has been processed it "
     "can't be cancelled, but you can return it after delivery."),
    ("orders", "Can I change my shipping address after ordering?",
     "Yes, while the order is pending. After it has been processed we can't redirect it."),
    ("orders", "Can I add an item to an order I already placed?",
     "We can't add items to a placed order. Place a second order; both count separately toward free "
     "shipping."),
    ("orders", "Why did my order arrive in more than one parcel?",
     "Items sometimes ship separately so that nothing waits for the slowest item. Each parcel has its own "
     "tracking number and is charged when it ships."),
    ("orders", "I didn't get an order confirmation email.",
     "Check your spam folder first. If it isn't there, our assistant can find the order with your order "
     "number and email or ZIP code."),
    ("orders", "How do I track my order?",
     "Open Orders in your account or ask our assistant with your order number and email or ZIP code. "
     "Tracking links appear once the order has shipped."),
    ("orders", "Something is missing from my parcel.",
     "Your order may have shipped in more than one parcel, so check your tracking first. If an item is still "
     "missing, contact us within 7 days of delivery."),
    ("sizing", "What shoe sizes do you carry?",
     "Shoes are sold in EU sizes: women's 38-43, men's 40-46 and unisex 38-46. Each product page lists the "
     "sizes that are in stock."),
    ("sizing", "Do your running shoes fit true to size?",
     "Most run true to size, so order your usual EU size. Hiking boots are best bought in your usual size "
     "with the socks you will hike in, or one size up if you are between sizes."),
    ("sizing", "How do your clothing sizes run?",
     "Tops and jackets come in XS to XXL. As a guide, chest sizes are about XS 81-86 cm, S 86-94 cm, M "
     "94-102 cm, L 102-110 cm, XL 110-118 cm and XXL 118-126 cm."),
    ("sizing", "Which sock size should I choose?",
     "Sock size S fits EU shoe sizes 35-38, M fits EU 39-42, L fits EU 43-46 and XL fits EU 47-49."),
    ("sizing", "Why do some sizes cost more?",
     "A few products cost a little more in the largest sizes, such as EU 45-46 shoes or XXL jackets, usually "
     "$3-$5. The product page shows the exact price of each size."),
    ("sizing", "Do you convert between EU, US and UK shoe sizes?",
     "We list shoes in EU sizes only, because conversions vary by brand. Measure your foot or use the EU "
     "size printed inside a pair that fits you well."),
    ("product care", "How do I wash a waterproof jacket?",
     "Machine wash cold on a gentle cycle with a technical detergent, then tumble dry low to refresh the "
     "water repellency. Don't use fabric softener."),
    ("product care", "How do I care for a down jacket?",
     "Wash it rarely, on a gentle cycle with a down wash, or take it to a specialist cleaner. Tumble dry low "
     "with a few clean tennis balls to break up clumps."),
    ("product care", "How should I care for leather hiking boots?",
     "Brush off dirt after each hike, let them dry away from direct heat, and condition the leather every "
     "few months to keep it supple and water resistant."),
    ("product care", "How do I look after a cast iron skillet?",
     "Hand wash with hot water, dry it on low heat and wipe on a thin layer of oil. Never put it in the "
     "dishwasher."),
    ("product care", "How do I store my tent?",
     "Make sure it is completely dry before packing it away, and store it loosely in a cool, dry place to "
     "prevent mildew."),
    ("product care", "How long does skincare last once opened?",
     "Most of our skincare is best used within 12 months of opening. Keep it out of direct sunlight and "
     "close the cap after each use."),
    ("product care", "Can merino wool go in the washing machine?",
     "Our merino tees and socks can be machine washed on a cool wool cycle. Lay them flat to dry and skip "
     "the tumble dryer."),
    ("warranty", "How long is your warranty?",
     "1 year for most products, 2 years for electronics such as headphones and chargers, and 3 years for "
     "backpacks, tents and sleeping bags."),
    ("warranty", "How do I make a warranty claim?",
     "Send your order number, a short description and a photo or video through our help page or our "
     "assistant. We reply within 2 business days."),
    ("warranty", "Is battery wear covered?",
     "Yes, if a rechargeable battery drops below 70% of its original capacity within the warranty period."),
    ("warranty", "Does the warranty cover accidental damage?",
     "No. It covers defects in materials and workmanship, not accidents, misuse or normal wear and tear."),
    ("warranty", "Does the phone case warranty cover my phone?",
     "No, the 1-year warranty covers the case itself, not the phone inside it."),
    ("gift cards", "What gift cards do you sell?",
     "Digital gift cards from $10 to $500, sent by email straight away or on a date you choose."),
    ("gift cards", "Do gift cards expire?", "No. Demo Shop gift cards never expire and have no fees."),
    ("gift cards", "How do I check my gift card balance?",
     "Enter the card number on the gift card page or at checkout, and the remaining balance is shown."),
    ("gift cards", "Can I buy a gift card with a gift card?",
     "No, gift cards can't be used to buy other gift cards."),
    ("gift cards", "I lost my gift card email. Can you resend it?",
     "Yes. Contact us with the order number or the purchaser's email and we resend it to the recipient."),
    ("privacy", "Do you sell my personal data?",
     "No, we never sell your personal data. We use it only to run your orders and, if you opt in, to email "
     "you."),
    ("privacy", "How long do you keep my chat messages?",
     "Chat transcripts are kept for 90 days to improve answers and then deleted."),
    ("privacy", "What happens to my voice messages?",
     "They are transcribed on our own servers and the audio is deleted as soon as the text is ready."),
    ("privacy", "Do you store my card number?",
     "No. Card details go straight to our payment processor, and we never see or store your full card "
     "number."),
    ("privacy", "How do I unsubscribe from marketing emails?",
     "Click the unsubscribe link at the bottom of any marketing email, or turn marketing off in Account "
     "settings."),
    ("store info", "Do you have a physical store?",
     "We are online only. Every order ships from our warehouse in Columbus, Ohio, which doesn't offer "
     "pickup."),
    ("store info", "What are your customer service hours?",
     "Our team is available Monday to Friday 8 am-8 pm and Saturday 10 am-4 pm Eastern Time. The assistant "
     "answers around the clock."),
    ("store info", "How can I contact you?",
     "Email support@demo-shop.example, call 1-800-555-0142 during support hours, or ask the assistant to "
     "hand you over to a person."),
    ("store info", "Can I talk to a real person?",
     "Yes. Ask the assistant for a person and it hands the chat to our team during support hours, or leaves "
     "a message for the next business day."),
    ("store info", "Do you have a newsletter discount?",
     "Yes, sign up for our newsletter and get 10% off your first order, once per email address. It counts as "
     "your one promo code for that order."),
    ("store info", "What does the eco tag mean?",
     "It marks products made with recycled, organic or plant-based materials, named in each product's "
     "materials."),
]  # fmt: skip


def build_faqs() -> list[FaqEntry]:
    rows = []
    for number, (category, question, answer) in enumerate(FAQS, start=1):
        fid = f"faq-{number:03d}"
        rows.append(FaqEntry.model_validate({
            "id": fid, "question": question, "answer": answer, "category": category,
            "url": f"{SHOP_URL}/help/{slugify(category)}#{fid}",
        }))  # fmt: skip
    return rows
